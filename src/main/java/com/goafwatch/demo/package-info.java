/**
 * The live demo feed: runs the subsidence simulator for the sample site and sends its traces and levelling
 * readings to the service through the same public HTTP ingestion API a field gateway uses.
 */
package com.goafwatch.demo;
