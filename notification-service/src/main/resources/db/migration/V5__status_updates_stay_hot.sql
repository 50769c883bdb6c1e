-- Issue 16: every reply gets three status webhooks (sent, delivered, read), each an UPDATE of its delivery row that
-- sets status, status_at and updated_at. The index on updated_at made every one of them a full (non-HOT) update: a
-- new index entry in every index of the table, and more WAL and vacuum. Only the hourly retention purge read that
-- index; it now finds its candidates by command_at (set once, at insert) and still keeps a row touched within the
-- retention (a late "read"). With no index on a column a status changes, and room left in each page, status
-- updates are HOT: the row's new version goes into the same page and no index is touched.
DROP INDEX delivery_updated_at;
CREATE INDEX delivery_command_at ON delivery (command_at);
ALTER TABLE delivery SET (fillfactor = 80);
