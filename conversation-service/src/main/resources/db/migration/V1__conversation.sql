-- Citizens: who consented (or declined: then only that decision is kept), their language, and when
-- they last wrote (the 24-hour customer-service window).
CREATE TABLE citizen (
    citizen_ref            text        PRIMARY KEY,
    address_key            text        NOT NULL UNIQUE,   -- wa_id, else the business-scoped user id
    wa_id                  text,
    user_id                text,
    phone_number_id        text        NOT NULL,          -- the business number they write to
    language               text        NOT NULL CHECK (language IN ('en', 'te', 'hi')),
    consent                text        NOT NULL CHECK (consent IN ('accepted', 'declined')),
    consent_notice_version integer     NOT NULL,
    consent_at             timestamptz NOT NULL,
    last_inbound_at        timestamptz,
    created_at             timestamptz NOT NULL
);

-- Where each citizen is in the journey (state machine), with optimistic locking.
CREATE TABLE session (
    citizen_ref text        PRIMARY KEY REFERENCES citizen (citizen_ref) ON DELETE CASCADE,
    state       text        NOT NULL,
    data        text        NOT NULL,   -- JSON of the domain Session (answers hold Aadhaar tokens, never numbers)
    version     integer     NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Applications and their reference numbers (SEVA-REV-2026-000123).
CREATE TABLE application (
    reference        text        PRIMARY KEY,
    citizen_ref      text        NOT NULL REFERENCES citizen (citizen_ref) ON DELETE CASCADE,
    department_id    text        NOT NULL,
    service_id       text        NOT NULL,
    service_version  integer     NOT NULL,
    service_name     text        NOT NULL,   -- JSON {en, te, hi} at submission
    document_type    text,
    status           text        NOT NULL,
    answers          text        NOT NULL,   -- JSON; Aadhaar as token and masked form only
    sla_days         integer     NOT NULL,
    submitted_at     timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    pending_question text,                   -- JSON of the department's open question
    last_reason      text,                   -- JSON {en, te, hi} of a rejection
    document_id      text
);

CREATE INDEX application_citizen ON application (citizen_ref, submitted_at DESC);

-- The Aadhaar vault: numbers only encrypted (AES-GCM), under a token; the key id allows rotation.
CREATE TABLE aadhaar_vault (
    token       text        PRIMARY KEY,
    citizen_ref text        NOT NULL REFERENCES citizen (citizen_ref) ON DELETE CASCADE,
    key_id      text        NOT NULL,
    nonce       bytea       NOT NULL,
    ciphertext  bytea       NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE INDEX aadhaar_vault_citizen ON aadhaar_vault (citizen_ref);

-- Reference number counters per department code and year.
CREATE TABLE reference_counter (
    code       text    NOT NULL,
    year       integer NOT NULL,
    last_value bigint  NOT NULL,
    PRIMARY KEY (code, year)
);
