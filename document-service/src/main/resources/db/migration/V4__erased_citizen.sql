-- Citizens whose erasure (citizen.erasure.v1) this service has carried out, so that an approval arriving
-- after the erasure (a legitimate race: the department decided before it heard of the erasure) issues no
-- document. Only the SHA-256 of the pseudonymous citizenRef is kept (hex), with when: the table links
-- nothing to a person or a document. Written in the erasure's transaction; read under the same per-citizen
-- advisory lock as the one that stores a document, so an approval and an erasure of one citizen cannot
-- interleave. Erasures carried out before this table existed are not in it.
CREATE TABLE erased_citizen (
    citizen_ref_sha256 text        PRIMARY KEY,
    erased_at          timestamptz NOT NULL
);
