-- pgbench script: one ticket-shaped row per transaction (single-row INSERT, autocommit).
-- Variables: :halls (number of halls, set with -D halls=N).
\set hall random(1, :halls)
\set q random(1, 3)
\set seq random(1, 999)
INSERT INTO bench_ticket (id, hall, queue, number, status, channel, priority, position, idempotency_key, issued_at)
VALUES (gen_random_uuid(), 'load-' || :hall, chr(64 + :q), chr(64 + :q) || lpad(:seq::text, 3, '0'),
        'WAITING', 'KIOSK', 'NORMAL', :seq, gen_random_uuid(), now());
