-- What a device's token may do: issue priority tickets (desk-side kiosks only), and how many tickets a minute.
alter table device add column may_grant_priority boolean not null default false;
alter table device add column tickets_per_minute integer not null default 60 check (tickets_per_minute > 0);

-- The windows a clerk works at: a clerk calls, serves and opens applicants' data only there.
alter table staff add column windows integer[] not null default '{}';
