/**
 * The alert lifecycle: raised → acknowledged (who, when, comment) → cleared. Escalation and lowering keep
 * one alert and are recorded as its events; a raise after clearing opens a new alert. Every change is an
 * event in an append-only history and is queued for notification in the same transaction.
 */
package com.goafwatch.alert;
