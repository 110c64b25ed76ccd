package com.goafwatch.notify;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues an alert event for every channel whose routing matches, in the caller's transaction: the
 * delivery rows commit (or roll back) with the event they announce, so no event goes unannounced.
 */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final DispatchSignal signal;

    Outbox(JdbcClient jdbc, DispatchSignal signal) {
        this.jdbc = jdbc;
        this.signal = signal;
    }

    /**
     * @param level      the alert's level after the event (null for no-data alerts)
     * @param noData     the alert is about missing data, not a threshold
     * @param payloadJson the message body, JSON
     * @return deliveries queued
     */
    public int enqueue(long projectId, long phaseId, String level, boolean noData, String event, long alertId, long eventId,
            String payloadJson) {
        int queued = jdbc.sql("""
                INSERT INTO notification_delivery (channel_id, alert_id, alert_event_id, event, payload)
                SELECT c.id, ?, ?, ?, ?::jsonb FROM notification_channel c
                WHERE c.project_id = ? AND c.enabled AND ? = ANY (c.events)
                  AND (c.phase_id IS NULL OR c.phase_id = ?)
                  AND (CASE WHEN ? THEN c.include_no_data
                       ELSE array_position(ARRAY['blue','yellow','orange','red'], ?) >= array_position(ARRAY['blue','yellow','orange','red'], c.min_level)
                       END)""")
                .params(alertId, eventId, event, payloadJson, projectId, event, phaseId, noData, level)
                .update();
        if (queued > 0 && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signal.wake();
                }
            });
        }
        return queued;
    }
}
