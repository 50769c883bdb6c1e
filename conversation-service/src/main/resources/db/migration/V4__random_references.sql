-- Application references are drawn at random (SEVA-REV-2026-482913), no longer counted: a sequential
-- number told anyone holding one reference how many applications the department had that year and
-- let them guess the others' (docs/security.md T14). Every reference ever issued is kept here, so a
-- number is never issued twice, not even after the application's row is gone with its citizen's
-- erasure; the row holds nothing personal.
CREATE TABLE issued_reference (
    reference text    PRIMARY KEY,
    code      text    NOT NULL,
    year      integer NOT NULL
);

-- Every number the counter gave out, including those whose application went with an erasure.
INSERT INTO issued_reference (reference, code, year)
SELECT format('SEVA-%s-%s-%s', c.code, lpad(c.year::text, 4, '0'), lpad(n::text, 6, '0')), c.code, c.year
FROM reference_counter c, generate_series(1, c.last_value) AS n
ON CONFLICT DO NOTHING;

INSERT INTO issued_reference (reference, code, year)
SELECT reference, split_part(reference, '-', 2), split_part(reference, '-', 3)::integer
FROM application
ON CONFLICT DO NOTHING;

DROP TABLE reference_counter;
