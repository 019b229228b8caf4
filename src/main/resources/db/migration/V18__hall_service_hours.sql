-- When a hall takes tickets (issue 15): weekly hours and dated exceptions as the admin wrote them
-- (io.siban.hall.dto.ServiceHours). Null: the hall takes tickets whenever asked, as before.
-- The version counts changes, so that each instance's copy in memory keeps the newest one.
alter table hall
    add column service_hours jsonb,
    add column service_hours_version bigint not null default 0;
