-- Our own messages in the timeline: how far the send got, and why it failed.
alter table timeline_message add column send_state varchar(16);
alter table timeline_message add column send_error_code integer;
alter table timeline_message add column send_error_title varchar(512);
alter table timeline_message add column send_error_class varchar(32);
