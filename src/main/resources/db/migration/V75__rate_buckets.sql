-- Token buckets of the request rate limit and the login throttle, shared by every instance (bucket4j's PostgreSQL
-- ProxyManager, select-for-update flavour: one row per key, its state serialised by bucket4j). expires_at is epoch
-- milliseconds after which the bucket would be full again anyway; security/PostgresBucketStore deletes such rows.
CREATE TABLE rate_bucket (
    id         text   NOT NULL,
    state      bytea,
    expires_at bigint,
    CONSTRAINT rate_bucket_pk PRIMARY KEY (id)
);
CREATE INDEX rate_bucket_expires_at ON rate_bucket (expires_at);
