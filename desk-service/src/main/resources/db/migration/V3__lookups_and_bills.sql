-- Instant answers (issue 17): the desk's own data for the look-ups of the departments it serves, on
-- dept.<d>.lookups.v1. A department with a system of its own answers from it; the desk answers from these
-- tables (filled by a department's import, or in the local run and the tests by the sample CSVs).
-- Holder names and addresses are the department's records, not what a citizen wrote: kept as the department
-- keeps them, and sent only sealed with the asking citizen's key.

-- An amount due: a tax, a charge, a bill or a challan. The citizen pays it in the chat; the payment comes
-- back as application.submitted with feePaid.billId and marks it paid (in the intake's transaction).
CREATE TABLE desk_bill (
    bill_id         text PRIMARY KEY,              -- opaque, never a number the citizen gives
    department_id   text        NOT NULL,
    service_id      text        NOT NULL,
    lookup_key      text        NOT NULL,          -- the service's identifying field, normalised (upper case, no spaces)
    area            text,                          -- the municipality, for the services that ask for it
    check_value     text,                          -- what the service asks besides the key (road tax: the chassis's last 5)
    period          jsonb       NOT NULL,          -- LocalizedText {en, te, hi}
    due_date        date        NOT NULL,
    amount_paise    bigint      NOT NULL CHECK (amount_paise >= 100),
    holder_name     text,
    address         text,
    status          text        NOT NULL CHECK (status IN ('open', 'paid')),
    paid_at         timestamptz,
    receipt_number  text,
    order_id        text,
    application_ref text,
    CHECK (bill_id ~ '^[A-Za-z0-9._:-]{1,64}$')
);
CREATE INDEX desk_bill_lookup ON desk_bill (service_id, lookup_key, lower(area));

-- A record to show: a result, a status, a licence's or a vehicle's details. lines: [{label: {en, te, hi},
-- value, personal}], a personal value sent sealed with the asking citizen's key.
CREATE TABLE desk_record (
    department_id text  NOT NULL,
    service_id    text  NOT NULL,
    lookup_key    text  NOT NULL,
    check_value   text,                            -- what the service asks besides the key (a licence: the date of birth)
    lines         jsonb NOT NULL,
    PRIMARY KEY (service_id, lookup_key)
);
