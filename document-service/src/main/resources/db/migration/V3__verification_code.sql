-- The verification code printed on each certificate next to its QR code (never in the QR address):
-- GET /verify/{documentId} shows the key fields (public_fields) and the application reference only
-- to whoever gives it. Only its SHA-256, bound to the document id, is kept (VerificationCode.hash);
-- the code itself exists only on the paper. NULL for documents issued before this column: their key
-- fields are no longer shown to anyone (they carry no code to give).
-- Kept after a citizen's erasure: it is no personal data and unlocks nothing once public_fields is gone.
-- (A nullable column without default: no table rewrite.)
ALTER TABLE document ADD COLUMN verification_code_hash text;
