-- The queue's filters each get a partial index over the open applications (measured in
-- benchmarks/RESULTS.md, "The department desk": without them a filtered count of 100,000 open
-- applications scanned the whole table in parallel, 58-68 ms a view on both cores).
CREATE INDEX desk_application_open_service ON desk_application (department_id, service_id, due_date, reference) WHERE is_open;
CREATE INDEX desk_application_open_district ON desk_application (department_id, lower(district), due_date, reference) WHERE is_open;
CREATE INDEX desk_application_open_overdue ON desk_application (department_id, due_date, reference) WHERE is_open AND overdue;
-- The service-level round looks at every open application past its date, told before or not.
DROP INDEX desk_application_overdue;
CREATE INDEX desk_application_open_due ON desk_application (due_date) WHERE is_open;
