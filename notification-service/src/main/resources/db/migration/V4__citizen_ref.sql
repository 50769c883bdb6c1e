-- citizen.erasure.v1 carries no phone number any more (issue 15): a citizen's deliveries and cached media
-- are found by the pseudonymous citizenRef that whatsapp.outbound.v1 commands carry (SendMessage.citizenRef,
-- set by conversation-service once the citizen is known, i.e. after consent). NULL for commands without it
-- (the privacy notice before consent) and for rows written before this column: those cannot be found by an
-- erasure and go with retention (NOTIFICATION_RETENTION). Cleared by the erasure itself.
-- (Nullable columns without default: no table rewrite.)
ALTER TABLE delivery ADD COLUMN citizen_ref text;
CREATE INDEX delivery_citizen_ref ON delivery (citizen_ref) WHERE citizen_ref IS NOT NULL;

ALTER TABLE media_cache ADD COLUMN citizen_ref text;
CREATE INDEX media_cache_citizen_ref ON media_cache (citizen_ref) WHERE citizen_ref IS NOT NULL;
