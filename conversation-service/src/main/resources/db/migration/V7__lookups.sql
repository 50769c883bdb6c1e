-- Instant look-ups (issue 17): a question to the department's system (dept.<d>.lookups.v1) waits here for its answer
-- (dept.<d>.answers.v1) until answer_by; the answer, or the apology once the time is up, removes the row, so the citizen
-- is told one or the other, once. What the citizen answered is sealed with their key (decision 009): a bill found is
-- paid as an application with these answers.
CREATE TABLE pending_lookup (
    lookup_id       text PRIMARY KEY,
    citizen_ref     text        NOT NULL,
    department_id   text        NOT NULL,
    service_id      text        NOT NULL,
    service_version integer     NOT NULL,
    service_name    text        NOT NULL,   -- LocalizedText JSON, as on application
    kind            text        NOT NULL,   -- dues | record
    answers         text        NOT NULL,   -- sealed with the citizen's key
    fields          text        NOT NULL,   -- the sealed department fields sent (JSON), reused for the bill's application
    answer_by       timestamptz NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX pending_lookup_answer_by ON pending_lookup (answer_by);

-- A bill or tax paid in the chat: the department's bill id (it marks that bill paid) and what the bill was for.
ALTER TABLE application
    ADD COLUMN bill_id     text,
    ADD COLUMN bill_period text;   -- LocalizedText JSON, or null
