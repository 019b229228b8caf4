-- Today's issued count is the sum of the hall's daily number counters (every issued ticket takes
-- exactly one number, and a rolled-back issue gives its number back), so the publisher no longer
-- tallies issue events, the bulk of the opening rush, each with a lookup of its ticket.
alter table hall_day_tally drop column issued;
