-- A special procedure may carry its own limit (e.g. an expert review of 10 working days).
alter table case_pause add column limit_days int, add column limit_seconds bigint;
