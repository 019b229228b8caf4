-- Delivery progress per hall: every event numbered up to published_seq has gone to Redis. One row
-- per hall and batch replaces marking each event row as published, an update that rewrote all of
-- the outbox's index entries for every event. (event_outbox.published is no longer read.)
create table hall_event_published (
    hall_code     text   primary key,
    published_seq bigint not null
);

insert into hall_event_published (hall_code, published_seq)
select s.hall_code,
       coalesce((select min(e.seq) - 1 from event_outbox e
                 where e.hall_code = s.hall_code and e.seq is not null and not e.published), s.last_seq)
from hall_event_seq s;

drop index event_outbox_unpublished;
