/**
 * The demo feed: runs the subsidence simulator for the sample site, writes its history in bulk through the
 * service's ingestion path (trace and readings ingestors, spool), then sends live traces and levelling
 * through the same public HTTP ingestion API a field gateway uses.
 */
package com.goafwatch.demo;
