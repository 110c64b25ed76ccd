/**
 * Notifications of alert events: channels (webhook with HMAC signature, MQTT) routed by level, phase and
 * event; a PostgreSQL outbox written in the alert's transaction; a dispatcher that retries with back-off
 * until the receiver takes each message, and keeps the delivery log.
 */
package com.goafwatch.notify;
