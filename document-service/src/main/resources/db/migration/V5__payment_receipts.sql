-- Payment receipts (issue 17): every payment.paid on payments.events.v1 becomes one signed receipt, a row of this
-- table like a certificate (document_type 'payment_receipt', verified at /verify/{id}, sealed PDF, erased alike).
-- outcome_event_id then holds the payment event's id (the event that caused the document; still unique).
-- receipt_number: the payment's receipt number (RCPT-REV-20261207-7K2M9Q), unique, so a payment replayed under another
-- event id issues no second receipt; amount_paise: what was paid. Both shown on the public verification page, neither
-- personal data: kept after the citizen's erasure with the rest of the verification record. NULL for certificates.
-- (Nullable columns without default: no table rewrite.)
ALTER TABLE document ADD COLUMN receipt_number text;
ALTER TABLE document ADD COLUMN amount_paise bigint;
ALTER TABLE document ADD CONSTRAINT document_receipt_number_key UNIQUE (receipt_number);

-- One certificate per application still, but an application may also have its fee's receipt (usually issued before
-- the certificate, the fee being paid before the department decides): the uniqueness of application_ref now covers
-- certificates only.
CREATE UNIQUE INDEX document_certificate_per_application ON document (application_ref) WHERE receipt_number IS NULL;
ALTER TABLE document DROP CONSTRAINT document_application_ref_key;
