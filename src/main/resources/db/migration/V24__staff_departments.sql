-- A supervisor may answer for some departments of their halls only (差评整改 is owned by the department's
-- supervisors of the hall): null or empty means every department, as before.
alter table staff add column departments text[];
