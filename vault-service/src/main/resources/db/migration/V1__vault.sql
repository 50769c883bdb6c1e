-- The Aadhaar Data Vault (UIDAI circular; decision 008). Nothing here is in clear: each Aadhaar number is
-- sealed with its own data key (AES-256-GCM, the token as associated data), each data key and each
-- citizen's key is wrapped by a key-encryption key that never leaves the HSM (kek_alias says which).

CREATE TABLE vault_aadhaar (
    token         text        PRIMARY KEY,           -- aad_ + 32 random letters or digits
    citizen_ref   text,                              -- null until bound; unbound rows are purged after a day
    masked        text        NOT NULL,              -- XXXX XXXX 1234
    number_sealed bytea       NOT NULL,              -- nonce || AES-GCM(DEK, digits, aad = token)
    dek_wrapped   bytea       NOT NULL,              -- nonce || AES-GCM in the HSM(KEK, DEK, aad = token)
    kek_alias     text        NOT NULL,
    created_at    timestamptz NOT NULL,
    bound_at      timestamptz
);
CREATE INDEX vault_aadhaar_citizen ON vault_aadhaar (citizen_ref) WHERE citizen_ref IS NOT NULL;
CREATE INDEX vault_aadhaar_unbound ON vault_aadhaar (created_at) WHERE citizen_ref IS NULL;
CREATE INDEX vault_aadhaar_kek ON vault_aadhaar (kek_alias);

-- Each citizen's data key, for crypto-shredding: services seal the citizen's personal data with it;
-- erasure deletes the row, and every sealed copy anywhere is unreadable from then on.
CREATE TABLE vault_citizen_key (
    citizen_ref   text        PRIMARY KEY,
    key_id        text        NOT NULL UNIQUE,       -- random, in every sealed value (sealed:v1:<keyId>:...)
    key_wrapped   bytea       NOT NULL,              -- nonce || AES-GCM in the HSM(KEK, key, aad = citizen_ref)
    kek_alias     text        NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE INDEX vault_citizen_key_kek ON vault_citizen_key (kek_alias);

-- Erased citizens and their tokens, by SHA-256 only: no key is made again for an erased citizen.
CREATE TABLE vault_tombstone (
    digest        text        PRIMARY KEY,           -- hex SHA-256 of the citizen reference or token
    kind          text        NOT NULL,              -- citizen, token
    erased_at     timestamptz NOT NULL
);

-- Every decryption served (reveal, citizen key) and every erasure. Append-only: the trigger refuses
-- UPDATE, DELETE and TRUNCATE, whoever asks; auditors read it with a role that may only SELECT
-- (README "Audit"). Kept at least a year.
CREATE TABLE vault_audit (
    id            bigserial   PRIMARY KEY,
    at            timestamptz NOT NULL,
    client        text        NOT NULL,
    action        text        NOT NULL,              -- reveal, key, erase
    subject       text        NOT NULL,              -- the token or the citizen reference
    actor         text,
    purpose       text
);
CREATE INDEX vault_audit_at ON vault_audit (at);
CREATE INDEX vault_audit_subject ON vault_audit (subject);

CREATE FUNCTION vault_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'vault_audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER vault_audit_no_update BEFORE UPDATE OR DELETE ON vault_audit
    FOR EACH ROW EXECUTE FUNCTION vault_audit_append_only();
CREATE TRIGGER vault_audit_no_truncate BEFORE TRUNCATE ON vault_audit
    FOR EACH STATEMENT EXECUTE FUNCTION vault_audit_append_only();
