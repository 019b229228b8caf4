-- Appointments in the KPI report: the bookings of a hall-local day (their slot's), per item and booking channel.
-- Read from the bookings themselves rather than rolled up: a hall books a few hundred a day, and a booking's
-- status changes (checked in, missed, cancelled) need no refresh step when the view is the count.
create view kpi_appointment_day as
select a.hall_code, a.service_date as day, coalesce(i.department, '') as department, a.item_code,
       coalesce(i.category, '') as category, a.channel,
       count(*) as booked,
       count(*) filter (where a.status = 'CHECKED_IN') as checked_in,
       count(*) filter (where a.status = 'MISSED') as missed,
       count(*) filter (where a.status = 'CANCELLED') as cancelled
from appointment a
left join service_item i on i.code = a.item_code
group by a.hall_code, a.service_date, i.department, a.item_code, i.category, a.channel;
