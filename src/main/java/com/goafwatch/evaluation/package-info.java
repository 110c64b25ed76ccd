/**
 * Threshold evaluation: reads each parcel's fiber and settlement data from InfluxDB with a few aggregated
 * InfluxQL queries per cycle, reduces them to one value per effective rule, runs the level trackers and
 * hands state transitions to the alert lifecycle. Runs on a schedule and after ingestion.
 */
package com.goafwatch.evaluation;
