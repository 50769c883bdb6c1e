-- The desk benchmark's data set (benchmarks/bin/desk.sh), written straight into desk-service's tables after
-- its migrations ran: psql -v open=100000 -v others=20000 -f desk-seed.sql.
-- apsrtc: :open open applications (new 60 %, accepted 30 %, awaiting_citizen 10 %), submitted over the last
-- 6 days with the service's level (1 or 3 working days, so about a third are overdue: a backlog; those already
-- escalated and told a date in the future, so the desk's service-level round has nothing to do), 26 districts,
-- 40 % assigned (a tenth of those to officer.apsrtc, a twentieth to supervisor.apsrtc), plus a tenth as many
-- decided ones; then :others applications of other departments (open and decided), each with its history.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE bench_district (i int, name text, mandal text);
INSERT INTO bench_district
SELECT i - 1, d, d || ' Urban' FROM unnest(ARRAY['Srikakulam','Vizianagaram','Visakhapatnam','Alluri Sitharama Raju','Anakapalli',
    'Kakinada','East Godavari','Konaseema','Eluru','West Godavari','NTR','Krishna','Palnadu','Guntur','Bapatla','Prakasam',
    'Nellore','Kurnool','Nandyal','Anantapur','Sri Sathya Sai','YSR Kadapa','Annamayya','Tirupati','Chittoor','Parvathipuram Manyam'])
    WITH ORDINALITY AS t(d, i);

CREATE TEMP TABLE bench_service (department text, i int, service text, sla int);
INSERT INTO bench_service VALUES
  ('apsrtc', 0, 'rtc-student-bus-pass', 3), ('apsrtc', 1, 'rtc-bus-pass-renewal', 1), ('apsrtc', 2, 'rtc-general-bus-pass', 1),
  ('municipal', 0, 'mun-birth-certificate', 7), ('municipal', 1, 'mun-trade-licence', 15),
  ('transport', 0, 'tpt-learner-licence', 7), ('energy', 0, 'apspdcl-new-connection', 15),
  ('civilsupplies', 0, 'cs-rice-card', 21), ('health', 0, 'hlt-arogyasri-card', 15);

-- n: 1..N; kind: 'open' or 'decided'
CREATE TEMP TABLE bench_app AS
SELECT format('SEVA-APS-2026-%s', lpad(n::text, 6, '0')) AS reference, 'apsrtc'::text AS department_id, n,
       (n % 10 < 6) AS is_new, (n % 10 = 9) AS awaiting, true AS is_open
FROM generate_series(1, :open) AS n
UNION ALL
SELECT format('SEVA-APS-2025-%s', lpad(n::text, 6, '0')), 'apsrtc', n, false, false, false
FROM generate_series(1, :open / 10) AS n
UNION ALL
SELECT format('SEVA-%s-2026-%s', upper(left(d, 3)), lpad(n::text, 6, '0')), d, n, (n % 3 <> 0), false, (n % 4 <> 0)
FROM generate_series(1, :others) AS n, LATERAL (SELECT (ARRAY['municipal','transport','energy','civilsupplies','health'])[1 + n % 5] AS d) x;

INSERT INTO desk_application (reference, department_id, service_id, service_version, citizen_ref, language, status, is_open, fields,
    attachments, district, mandal, pending_question, submitted_at, sla_days, due_date, overdue, escalated_at, delay_told_until, assigned_to, decided_by,
    version, updated_at)
SELECT a.reference, a.department_id, s.service, 1, 'cit_' || md5(a.reference), (ARRAY['te','en','te','hi'])[1 + a.n % 4],
       CASE WHEN NOT a.is_open THEN (CASE WHEN a.n % 5 = 0 THEN 'rejected' ELSE 'approved' END)
            WHEN a.is_new THEN 'new' WHEN a.awaiting THEN 'awaiting_citizen' ELSE 'accepted' END,
       a.is_open,
       json_build_object('studentName', 'Citizen ' || a.n, 'applicantName', 'Citizen ' || a.n,
           'aadhaar', json_build_object('token', 'vault:dev1:' || md5('a' || a.reference), 'masked', 'XXXX XXXX ' || lpad((a.n % 10000)::text, 4, '0')),
           'institution', 'Government Junior College ' || (a.n % 300), 'fromPlace', d.name, 'toPlace', d.mandal,
           'passPeriod', (ARRAY['monthly','quarterly','yearly'])[1 + a.n % 3], 'district', d.name, 'mandal', d.mandal,
           'mobile', '98' || lpad((a.n % 100000000)::text, 8, '0'))::text,
       CASE WHEN a.n % 2 = 0 THEN json_build_array(json_build_object('fieldId', 'passportPhoto', 'mediaId', 'media-' || a.n,
           'mimeType', 'image/jpeg', 'filename', 'photo.jpg'))::text END,
       d.name, d.mandal,
       CASE WHEN a.awaiting THEN '{"questionId":"photo","text":"Please send a clear passport photo.","answerType":"media"}' END,
       sub.at, s.sla, due.d, a.is_open AND due.d < current_date, CASE WHEN a.is_open AND due.d < current_date THEN sub.at + interval '5 days' END,
       CASE WHEN a.is_open AND due.d < current_date THEN current_date + 7 END,
       CASE WHEN a.n % 5 < 2 THEN (CASE WHEN a.n % 50 = 0 THEN 'officer.' || a.department_id
                                        WHEN a.n % 50 = 1 THEN 'supervisor.' || a.department_id
                                        ELSE 'officer' || (a.n % 40) || '.' || a.department_id END) END,
       CASE WHEN NOT a.is_open THEN 'officer' || (a.n % 40) || '.' || a.department_id END,
       CASE WHEN a.is_new THEN 0 ELSE 1 END, sub.at
FROM bench_app a
JOIN LATERAL (SELECT count(*) AS c FROM bench_service WHERE department = a.department_id) k ON true
JOIN bench_service s ON s.department = a.department_id AND s.i = (a.n * 7) % k.c
JOIN bench_district d ON d.i = (a.n * 7 + a.n / 26) % 26
-- submitted over the last 6 days (the first references the oldest), due sla working days later (weekends skipped: ~7/5)
CROSS JOIN LATERAL (SELECT now() - (interval '6 days') * ((:open - (a.n % :open)) / (:open)::float8) AS at) sub
CROSS JOIN LATERAL (SELECT (sub.at::date + ceil(s.sla * 7 / 5.0)::int) AS d) due;

INSERT INTO desk_history (reference, at, actor, kind, detail)
SELECT reference, submitted_at, 'citizen', 'submitted', NULL FROM desk_application;
INSERT INTO desk_history (reference, at, actor, kind, detail)
SELECT reference, submitted_at + interval '2 hours', coalesce(assigned_to, 'officer1.' || department_id), 'accept', NULL
FROM desk_application WHERE status <> 'new';
INSERT INTO desk_history (reference, at, actor, kind, detail)
SELECT reference, submitted_at + interval '3 hours', 'officer1.' || department_id, 'ask',
       '{"questionId":"photo","text":"Please send a clear passport photo."}'
FROM desk_application WHERE status = 'awaiting_citizen';
COMMIT;
VACUUM ANALYZE desk_application;
VACUUM ANALYZE desk_history;
SELECT department_id, status, count(*), sum(CASE WHEN overdue THEN 1 ELSE 0 END) AS overdue,
       sum(CASE WHEN assigned_to IS NOT NULL THEN 1 ELSE 0 END) AS assigned
FROM desk_application GROUP BY 1, 2 ORDER BY 1, 2;
