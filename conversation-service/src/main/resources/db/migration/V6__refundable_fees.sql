-- Whether the application's fee is refunded when its department rejects it (the catalogue's feeRefundable at submission).
ALTER TABLE application ADD COLUMN fee_refundable boolean NOT NULL DEFAULT false;
