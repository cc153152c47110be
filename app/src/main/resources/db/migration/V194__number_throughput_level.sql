-- Meta's throughput level of a number as its phone_number_quality_update webhooks announced it (THROUGHPUT_UPGRADE:
-- HIGH), kept apart from the number's last event so that a later FLAGGED or a late older report does not erase it
-- (owner: command-side, NumberHealth; see docs/table-owners.md).
alter table number_health add column throughput_level varchar(16);
alter table number_health add column throughput_reported_at timestamp with time zone;
