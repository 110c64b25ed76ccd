-- The spool status of every instance, one row per spool volume (its volume-id file), published by
-- timeseries/SpoolStatusPublisher every goafwatch.spool.heartbeat and on change; GET /api/v1/ingest/status sums the
-- live rows. heartbeat_at is PostgreSQL's time, so the instances' clocks never have to agree on staleness.
CREATE TABLE spool_volume_status (
    volume_id          text        NOT NULL,
    holder             text        NOT NULL,
    spool_dir          text        NOT NULL,
    pending_batches    integer     NOT NULL,
    pending_samples    bigint      NOT NULL,
    pending_bytes      bigint      NOT NULL,
    quota_bytes        bigint      NOT NULL,
    oldest_pending_at  timestamptz,
    rejected_batches   bigint      NOT NULL,
    written_points     bigint      NOT NULL,
    last_write_at      timestamptz,
    last_error         text,
    last_error_at      timestamptz,
    heartbeat_at       timestamptz NOT NULL,
    stopped_at         timestamptz,
    CONSTRAINT spool_volume_status_pk PRIMARY KEY (volume_id)
);
