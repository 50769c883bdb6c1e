-- JSON columns are text holding the contracts' JSON (read and written whole, never queried inside).
-- The desk's own copy of each application of a desk-served department, as the department's topic
-- delivered it, and what its officers did with it. Personal data (answers, attachments, notes and the
-- handover texts) is deleted on erasure; the audit log keeps only who did what to which reference.

CREATE TABLE desk_application (
    reference        text PRIMARY KEY,
    department_id    text        NOT NULL,
    service_id       text        NOT NULL,
    service_version  integer,
    citizen_ref      text,                          -- null once the citizen's data is erased
    language         text        NOT NULL,
    status           text        NOT NULL,          -- new, accepted, awaiting_citizen, approved, rejected, withdrawn, erased
    is_open          boolean     NOT NULL,
    fields           text,                         -- the citizen's answers (Aadhaar only as token + masked form)
    attachments      text,                         -- [{fieldId, mediaId, mimeType, filename}]
    district         text,
    mandal           text,
    pending_question text,
    submitted_at     timestamptz NOT NULL,
    sla_days         integer     NOT NULL,
    due_date         date        NOT NULL,
    overdue          boolean     NOT NULL DEFAULT false,
    escalated_at     timestamptz,
    delay_told_until date,                          -- the new date the citizen was last told
    assigned_to      text,
    decided_by       text,
    version          integer     NOT NULL DEFAULT 0,
    updated_at       timestamptz NOT NULL
);
-- The queue: a department's open applications by due date (the page's default order and filters).
CREATE INDEX desk_application_queue ON desk_application (department_id, is_open, due_date, reference);
CREATE INDEX desk_application_assigned ON desk_application (department_id, assigned_to) WHERE is_open;
CREATE INDEX desk_application_citizen ON desk_application (citizen_ref);
CREATE INDEX desk_application_overdue ON desk_application (due_date) WHERE is_open AND NOT overdue;

-- What happened to an application, in order: the citizen's events and the officers' actions and notes.
CREATE TABLE desk_history (
    id          bigserial PRIMARY KEY,
    reference   text        NOT NULL REFERENCES desk_application (reference),
    at          timestamptz NOT NULL,
    actor       text        NOT NULL,               -- 'citizen', 'desk' (the service itself) or the officer's user name
    kind        text        NOT NULL,               -- submitted, information_provided, withdrawn, accept, ask, reject, approve, assign, note, overdue, escalated, erased
    detail      text
);
CREATE INDEX desk_history_reference ON desk_history (reference, id);

-- Officers the desk has seen (at their login), to assign applications to them.
CREATE TABLE desk_officer (
    user_name     text NOT NULL,
    department_id text NOT NULL,
    display_name  text,
    supervisor    boolean NOT NULL DEFAULT false,
    last_seen_at  timestamptz NOT NULL,
    PRIMARY KEY (department_id, user_name)
);

-- Human handover: a citizen's conversation with the officers of a department (or the help desk).
CREATE TABLE desk_thread (
    thread_id       uuid PRIMARY KEY,
    department_id   text        NOT NULL,
    citizen_ref     text,
    language        text        NOT NULL,
    reason          text        NOT NULL,
    service_id      text,
    application_ref text,
    status          text        NOT NULL,           -- open, closed
    opened_at       timestamptz NOT NULL,
    last_message_at timestamptz NOT NULL,
    closed_at       timestamptz,
    closed_by       text,
    version         integer     NOT NULL DEFAULT 0
);
CREATE INDEX desk_thread_queue ON desk_thread (department_id, status, last_message_at);
CREATE INDEX desk_thread_citizen ON desk_thread (citizen_ref);

CREATE TABLE desk_thread_message (
    id        bigserial PRIMARY KEY,
    thread_id uuid        NOT NULL REFERENCES desk_thread (thread_id),
    at        timestamptz NOT NULL,
    author    text        NOT NULL,                 -- 'citizen' or the officer's user name
    text      text,
    media     text
);
CREATE INDEX desk_thread_message_thread ON desk_thread_message (thread_id, id);

-- The audit log: every officer's view and action. Append-only: the trigger refuses UPDATE and DELETE,
-- and the service's role is given INSERT and SELECT only in production (deploy/README.md). Kept at least
-- one year (DPDP Rules 2025); rows older than the retention are removed only by the retention job's
-- own role, never by the service.
CREATE TABLE desk_audit (
    id            bigserial PRIMARY KEY,
    at            timestamptz NOT NULL,
    actor         text        NOT NULL,
    department_id text,
    action        text        NOT NULL,
    reference     text,
    outcome       text        NOT NULL,             -- done, refused, denied
    client_ip     text,
    user_agent    text,
    detail        text
);
CREATE INDEX desk_audit_at ON desk_audit (at);
CREATE INDEX desk_audit_reference ON desk_audit (reference);

CREATE FUNCTION desk_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'desk_audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER desk_audit_no_update BEFORE UPDATE OR DELETE ON desk_audit
    FOR EACH ROW EXECUTE FUNCTION desk_audit_append_only();
CREATE TRIGGER desk_audit_no_truncate BEFORE TRUNCATE ON desk_audit
    FOR EACH STATEMENT EXECUTE FUNCTION desk_audit_append_only();
