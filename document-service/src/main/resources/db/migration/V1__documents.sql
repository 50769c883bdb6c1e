-- Issued documents. The PDF is kept with its SHA-256 so that the verification page can tell an
-- intact document from a tampered row; what the public page shows is computed at issue time
-- (masked holder name, key fields) so that it never needs the personal data again.
-- After a citizen's erasure (citizen.erasure.v1) the row keeps only what verification needs:
-- see docs/decisions/005-document-erasure.md.
CREATE TABLE document (
    id                  text        PRIMARY KEY,
    outcome_event_id    uuid        NOT NULL UNIQUE,          -- the outcome that caused it: redelivery makes no second document
    application_ref     text        UNIQUE,                   -- one document per application; NULL after erasure
    citizen_ref         text,                                 -- NULL after erasure
    department_id       text        NOT NULL,
    document_type       text        NOT NULL,
    file_name           text,
    issued_at           timestamptz NOT NULL,
    valid_until         date,
    holder_masked       text,                                 -- "L****** V******"
    public_fields       text,                                 -- JSON [{label, value}], names masked; NULL after erasure
    pdf                 bytea,                                -- NULL after erasure
    sha256              text        NOT NULL,
    size_bytes          integer     NOT NULL,
    status              text        NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked')),
    revoked_at          timestamptz,
    revocation_reason   text,
    erased_at           timestamptz
);

CREATE INDEX document_citizen_ref ON document (citizen_ref) WHERE citizen_ref IS NOT NULL;
