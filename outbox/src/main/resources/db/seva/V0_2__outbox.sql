-- Transactional outbox (Seva outbox library): events are inserted here in the same transaction as
-- the state change that causes them; Debezium reads the inserts from the WAL (pgoutput) and the relay
-- publishes them to Kafka. Relayed rows are deleted by the relay's cleanup.
CREATE TABLE outbox (
    id          uuid        PRIMARY KEY,          -- the event's eventId
    topic       text        NOT NULL,
    record_key  text,
    event_type  text        NOT NULL,
    payload     text,                             -- the event's JSON exactly as it will be sent; NULL = a tombstone (compacted topics)
    headers     text,                             -- JSON object of extra record headers (trace context, dlq reason)
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX outbox_created_at ON outbox (created_at);

-- Where the relay's Debezium engine keeps its offsets (one row per relay), so a restart resumes
-- exactly where it stopped, on any pod.
CREATE TABLE outbox_relay_offset (
    relay_name  text        NOT NULL,
    offset_key  bytea       NOT NULL,
    offset_value bytea,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (relay_name, offset_key)
);
