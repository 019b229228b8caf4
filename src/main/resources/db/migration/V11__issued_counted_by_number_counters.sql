-- Today's issued count is the sum of the hall's daily number counters (every issued ticket takes
-- exactly one number, and a rolled-back issue gives its number back), so the publisher no longer
-- tallies issue events, the bulk of the opening rush, each with a lookup of its ticket.
-- The column stays for now: instances of the previous version, still running during a rolling
-- upgrade, write and read it. A later version drops it.
comment on column hall_day_tally.issued is
    'no longer kept: today''s issued count is the sum of ticket_counter.last_seq for the hall and day';
