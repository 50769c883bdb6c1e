-- Handovers to an officer (desk-service): one thread per handover, open until the officer closes it.
-- Deleted with the citizen ("delete my data").
CREATE TABLE handover (
    thread_id     uuid        PRIMARY KEY,
    citizen_ref   text        NOT NULL REFERENCES citizen (citizen_ref) ON DELETE CASCADE,
    department_id text        NOT NULL,   -- a department id, or 'helpdesk'
    reason        text        NOT NULL CHECK (reason IN ('asked', 'not_understood')),
    status        text        NOT NULL CHECK (status IN ('open', 'closed')),
    opened_at     timestamptz NOT NULL,
    closed_at     timestamptz,
    -- JSON array of texts sent to the citizen while they were outside WhatsApp's 24-hour window (the
    -- template went instead); sent again, free-form, with the reply to their next message.
    held_replies  text,
    version       integer     NOT NULL DEFAULT 0
);

CREATE INDEX handover_citizen ON handover (citizen_ref, opened_at DESC);
