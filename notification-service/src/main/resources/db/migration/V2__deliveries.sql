-- One row per outbound command (whatsapp.outbound.v1 eventId): the idempotency record and what
-- operators see at GET /messages/{commandId}. No message text and no address is stored: the citizen
-- appears only as an HMAC of the address (NOTIFICATION_ADDRESS_HASH_KEY), to find the rows on erasure:
-- of the phone number (else the business-scoped user id), and of the user id too when both are known.
CREATE TABLE delivery (
    command_id        uuid        PRIMARY KEY,
    phone_number_id   text        NOT NULL,
    recipient_hash    bytea       NOT NULL,
    recipient_alt_hash bytea,
    kind              text        NOT NULL,
    -- sending: claimed, Meta has not (yet) accepted; accepted: Meta returned wamid; failed: dead-lettered
    state             text        NOT NULL CHECK (state IN ('sending', 'accepted', 'failed')),
    wamid             text,
    -- the latest delivery status Meta reported for wamid
    status            text        CHECK (status IN ('sent', 'delivered', 'read', 'failed', 'deleted')),
    attempts          integer     NOT NULL DEFAULT 0,
    last_error_code   integer,
    last_error        text,
    -- the command's fallbackTemplate (JSON), sent when Meta reports 131047; used at most once
    fallback_template text,
    fallback_used     boolean     NOT NULL DEFAULT false,
    -- the instance delivering it, and when it last tried: a "sending" row older than the takeover time may be taken over
    owner             uuid        NOT NULL,
    last_attempt_at   timestamptz NOT NULL,
    command_at        timestamptz NOT NULL,
    enqueued_at       timestamptz NOT NULL,
    accepted_at       timestamptz,
    status_at         timestamptz,
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX delivery_wamid ON delivery (wamid) WHERE wamid IS NOT NULL;
CREATE INDEX delivery_recipient ON delivery (recipient_hash);
CREATE INDEX delivery_recipient_alt ON delivery (recipient_alt_hash) WHERE recipient_alt_hash IS NOT NULL;
CREATE INDEX delivery_updated_at ON delivery (updated_at);

-- Statuses only move forward (Meta may deliver them out of order): sent < delivered < read < failed < deleted.
CREATE FUNCTION delivery_status_rank(status text) RETURNS integer
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE status WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3
                       WHEN 'failed' THEN 4 WHEN 'deleted' THEN 5 ELSE 0 END
$$;

-- Documents uploaded to Meta (POST /{phone-number-id}/media), reused until shortly before Meta drops them (30 days).
CREATE TABLE media_cache (
    phone_number_id text        NOT NULL,
    document_id     text        NOT NULL,
    media_id        text        NOT NULL,
    recipient_hash  bytea       NOT NULL,
    uploaded_at     timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (phone_number_id, document_id)
);

CREATE INDEX media_cache_recipient ON media_cache (recipient_hash);

-- The send slots of each business number, shared by every instance of the service (GCRA): next_slot_at is
-- the earliest free slot; slots are 1/rate apart, and a number idle for a while may send a burst (slots
-- up to p_burst_seconds in the past). reserve_send_slots books up to p_want consecutive slots, none later
-- than p_horizon_seconds from now, under the row lock and on the database's clock, and answers how many
-- and when the first is (seconds from now; negative: due already). Whatever the number of instances,
-- no two sends get the same slot, so the number's rate holds.
CREATE TABLE send_rate_slot (
    phone_number_id text        PRIMARY KEY,
    next_slot_at    timestamptz NOT NULL
);

CREATE FUNCTION reserve_send_slots(p_phone_number_id text, p_rate double precision, p_burst_seconds double precision,
                                   p_horizon_seconds double precision, p_want integer)
    RETURNS TABLE (granted integer, first_slot_in_seconds double precision)
    LANGUAGE plpgsql AS $$
DECLARE
    v_next    timestamptz;
    v_now     timestamptz;
    v_first   timestamptz;
    v_granted integer;
BEGIN
    INSERT INTO send_rate_slot (phone_number_id, next_slot_at)
    VALUES (p_phone_number_id, clock_timestamp() - make_interval(secs => p_burst_seconds))
    ON CONFLICT (phone_number_id) DO NOTHING;
    SELECT s.next_slot_at INTO v_next FROM send_rate_slot s WHERE s.phone_number_id = p_phone_number_id FOR UPDATE;
    v_now := clock_timestamp();
    v_first := GREATEST(v_next, v_now - make_interval(secs => p_burst_seconds));
    v_granted := GREATEST(0, LEAST(p_want,
            FLOOR(EXTRACT(EPOCH FROM (v_now + make_interval(secs => p_horizon_seconds) - v_first)) * p_rate)::integer));
    IF v_granted > 0 THEN
        UPDATE send_rate_slot SET next_slot_at = v_first + make_interval(secs => v_granted / p_rate)
        WHERE phone_number_id = p_phone_number_id;
    END IF;
    granted := v_granted;
    first_slot_in_seconds := EXTRACT(EPOCH FROM (v_first - v_now));
    RETURN NEXT;
END
$$;
