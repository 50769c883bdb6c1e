-- The catalogue: departments and the definitions of their services. A definition is stored as the
-- JSON of the catalogue.services.v1 contract, so what is stored is exactly what is published.
CREATE TABLE department (
    id           text    PRIMARY KEY,
    names        text    NOT NULL,      -- JSON {en, te, hi}
    descriptions text,                  -- JSON {en, te, hi}
    position     integer NOT NULL
);

CREATE TABLE catalogue_service (
    id             text        PRIMARY KEY,
    department_id  text        NOT NULL REFERENCES department (id),
    version        integer     NOT NULL CHECK (version >= 1),
    status         text        NOT NULL CHECK (status IN ('active', 'retired')),
    definition     text        NOT NULL,
    source         text        NOT NULL CHECK (source IN ('data_file', 'admin')),
    data_file_hash text,        -- SHA-256 of the definition last loaded from the data files
    updated_at     timestamptz NOT NULL,
    updated_by     text        NOT NULL
);

CREATE INDEX catalogue_service_department ON catalogue_service (department_id, status);
