-- One-time codes that pair a kiosk or display with its device token. Only a hash of the code is kept;
-- a code is good once, until it expires.
create table device_pairing (
    code_hash  text primary key,
    device_id  uuid        not null references device (id),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index device_pairing_device on device_pairing (device_id);
