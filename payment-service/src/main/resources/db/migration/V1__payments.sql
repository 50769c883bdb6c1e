-- payment-service's own tables (database "payment"). Financial records the treasury keeps: they carry the
-- pseudonymous citizenRef only (no name, no phone number), and after a citizen's erasure not even that
-- (README, "Erasure"). Amounts are integers in paise.

-- One row per order (payments.orders.v1 payment.order.requested; order_id = the WhatsApp reference_id and the
-- Razorpay receipt). state: OPEN, PAID, EXPIRED, WITHDRAWN, SUPERSEDED (domain/OrderState).
CREATE TABLE payment_order (
    order_id              text        PRIMARY KEY,
    application_ref       text        NOT NULL,
    department_id         text        NOT NULL,
    service_id            text        NOT NULL,
    citizen_ref           text        NOT NULL,
    purpose               text        NOT NULL,
    currency              text        NOT NULL,
    amount_paise          bigint      NOT NULL CHECK (amount_paise > 0),
    tax_paise             bigint      NOT NULL DEFAULT 0,
    refundable            boolean     NOT NULL,
    expires_at            timestamptz NOT NULL,
    phone_number_id       text        NOT NULL,              -- the business number (Meta's id, no one's phone number)
    payment_configuration text        NOT NULL,
    attempt               integer     NOT NULL,
    state                 text        NOT NULL CHECK (state IN ('OPEN', 'PAID', 'EXPIRED', 'WITHDRAWN', 'SUPERSEDED')),
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    opened_announced      boolean     NOT NULL DEFAULT false, -- payment.order.opened written to the outbox
    payment_link_id       text,
    payment_link_url      text,
    receipt_number        text        UNIQUE,
    paid_at               timestamptz,
    paid_amount_paise     bigint,
    paid_payment_id       text,
    gateway_order_id      text,
    method                text,
    settled_by            text,
    withdrawn_at          timestamptz,
    withdrawn_reason      text,
    expired_at            timestamptz,
    reconciled_at         timestamptz,                       -- the last reconciliation look-up (claimed with SKIP LOCKED)
    erased_at             timestamptz
);

-- Exactly one paid order per application: the last guard under the per-application lock (service/Settlement).
CREATE UNIQUE INDEX payment_order_one_paid_per_application ON payment_order (application_ref) WHERE state = 'PAID';
CREATE INDEX payment_order_application ON payment_order (application_ref);
CREATE INDEX payment_order_open ON payment_order (created_at) WHERE state = 'OPEN';
CREATE INDEX payment_order_citizen ON payment_order (citizen_ref);
CREATE INDEX payment_order_paid_day ON payment_order (department_id, paid_at) WHERE paid_at IS NOT NULL;

-- Every payment attempt seen, from Meta's look-up or Razorpay's payment entity. attempt_key is the gateway's payment
-- id (pay_...), or its order id when a failed attempt carries none. status: pending, failed, captured.
-- decision (captures only): honoured (the order's payment), refund (refunded: duplicate or withdrawn), ignored.
CREATE TABLE payment_attempt (
    attempt_key        text        PRIMARY KEY,
    order_id           text        NOT NULL REFERENCES payment_order (order_id),
    gateway_order_id   text,
    gateway_payment_id text        UNIQUE,
    status             text        NOT NULL CHECK (status IN ('pending', 'failed', 'captured')),
    amount_paise       bigint,
    method             text,
    error_code         text,
    error_reason       text,
    failure_reported   boolean     NOT NULL DEFAULT false,
    decision           text        CHECK (decision IN ('honoured', 'refund', 'ignored')),
    first_seen_at      timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);

CREATE INDEX payment_attempt_order ON payment_attempt (order_id);

-- Refunds Seva asked Razorpay for: one per payment at most (a full refund), keyed by the payment id; the
-- X-Refund-Idempotency key is derived from it (domain/RefundKeys), so every retry sends the same key and body.
-- status: requested (not yet accepted by Razorpay), pending, processed, failed.
CREATE TABLE refund (
    payment_id        text        PRIMARY KEY,
    order_id          text        NOT NULL REFERENCES payment_order (order_id),
    idempotency_key   text        NOT NULL UNIQUE,
    gateway_order_id  text,
    amount_paise      bigint      NOT NULL CHECK (amount_paise > 0),
    reason            text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('requested', 'pending', 'processed', 'failed')),
    gateway_refund_id text,
    failure_code      text,
    failure_reason    text,
    submissions       integer     NOT NULL DEFAULT 0,
    requested_at      timestamptz NOT NULL,
    submitted_at      timestamptz,
    processed_at      timestamptz,
    updated_at        timestamptz NOT NULL
);

CREATE INDEX refund_open ON refund (requested_at) WHERE status IN ('requested', 'pending');
CREATE INDEX refund_processed_day ON refund (processed_at);

-- Razorpay webhooks accepted (signature valid), deduplicated on x-razorpay-event-id. Only the ids and statuses
-- this service needs are kept, never the payload: Razorpay's payment entity carries the payer's contact and email.
-- processed_at is set in the transaction of the event's effect; outcome says what it did.
CREATE TABLE razorpay_event (
    event_id           text        PRIMARY KEY,
    event_type         text        NOT NULL,
    order_ref          text,                                 -- our order id, from the order's receipt, the notes or the link's reference_id
    gateway_order_id   text,
    gateway_payment_id text,
    gateway_refund_id  text,
    refund_status      text,
    received_at        timestamptz NOT NULL,
    processed_at       timestamptz,
    outcome            text,
    tries              integer     NOT NULL DEFAULT 0
);

CREATE INDEX razorpay_event_unprocessed ON razorpay_event (received_at) WHERE processed_at IS NULL;
