-- An experiment for benchmarks/bin/desk.sh (DESK_BENCH_SQL=...), not a migration: partial indexes that serve the
-- queue's filters and their counts (district, service, overdue) as index scans instead of sequential scans.
CREATE INDEX bench_queue_district ON desk_application (department_id, lower(district), due_date, reference) WHERE is_open;
CREATE INDEX bench_queue_service ON desk_application (department_id, service_id, due_date, reference) WHERE is_open;
CREATE INDEX bench_queue_overdue ON desk_application (department_id, due_date, reference) WHERE is_open AND overdue;
VACUUM ANALYZE desk_application;
