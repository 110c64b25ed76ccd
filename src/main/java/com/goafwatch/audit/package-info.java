/**
 * The audit trail: every change to projects, phases, parcels, cables, calibrations, sensors, users and
 * tokens is written by database triggers (who, when, what, before/after) into the append-only
 * {@code audit_event} table inside the changing transaction; this package only reads it.
 */
package com.goafwatch.audit;
