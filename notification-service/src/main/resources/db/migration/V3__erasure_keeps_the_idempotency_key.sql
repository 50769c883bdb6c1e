-- An erased citizen's deliveries keep only what makes a redelivered command recognisable (command_id,
-- state, times): without the row, a command redelivered after the erasure (a rebalance, a restart)
-- would be claimed and sent again. The address hashes, Meta's message id, the last error and the
-- fallback template go; operators get 404 for an erased delivery, as before.
ALTER TABLE delivery ADD COLUMN erased boolean NOT NULL DEFAULT false;
