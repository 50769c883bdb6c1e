-- Consumer dedupe (Seva outbox library): every event this service has processed, written in the same
-- transaction as the handler's effect, so a redelivered event (Kafka after a crash, Meta's retries)
-- has no second effect.
CREATE TABLE message_log (
    event_id    uuid        PRIMARY KEY,
    topic       text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX message_log_received_at ON message_log (received_at);
