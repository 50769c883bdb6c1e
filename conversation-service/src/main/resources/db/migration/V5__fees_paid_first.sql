-- Fees paid in the chat before an application goes to its department (issue 17). An application of a service with a fee
-- waits in 'awaiting_payment' (or 'payment_expired') with the department's event ready: built and sealed with the
-- citizen's key at submission, so the department receives exactly what the citizen confirmed, and an erasure still
-- shreds it (decision 009).
ALTER TABLE application
    ADD COLUMN pending_submission text,      -- JSON of the dept.<d>.applications.v1 event, sent when the fee is paid
    ADD COLUMN fee_paise          bigint,    -- the fee asked, in paise
    ADD COLUMN payment_attempt    integer,   -- the current order: <reference>-<attempt> (a new one after an expiry)
    ADD COLUMN receipt_number     text;      -- payment-service's receipt once paid
