-- A table shaped like a queue ticket, for the PostgreSQL baseline of the ticket benchmark.
DROP TABLE IF EXISTS bench_ticket;
CREATE TABLE bench_ticket (
    id              uuid        PRIMARY KEY,
    hall            text        NOT NULL,
    queue           text        NOT NULL,
    number          text        NOT NULL,
    status          text        NOT NULL,
    channel         text        NOT NULL,
    priority        text        NOT NULL,
    position        integer     NOT NULL,
    idempotency_key uuid        NOT NULL UNIQUE,
    issued_at       timestamptz NOT NULL
);
CREATE INDEX bench_ticket_waiting ON bench_ticket (hall, queue, issued_at);
