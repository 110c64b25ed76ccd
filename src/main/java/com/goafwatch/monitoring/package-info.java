/**
 * Reads of monitoring data for engineers: strain profiles along a cable, downsampled histories, per-parcel
 * strain statistics, settlement-marker series and rates. InfluxDB answers with a few aggregated InfluxQL
 * queries; PostGIS adds coordinates and parcels.
 */
package com.goafwatch.monitoring;
