-- Revocation by a department (POST /documents/{documentId}/revocation): who revoked, next to when
-- (revoked_at) and why (revocation_reason). The OIDC user name of the officer or documents-admin, kept
-- as the audit trail: never shown on the public verification page, untouched by a citizen's erasure.
-- NULL for a valid document and for one revoked before this column existed.
-- (A nullable column without default: no table rewrite.)
ALTER TABLE document ADD COLUMN revoked_by text;
