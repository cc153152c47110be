-- Ids and names that arrive in outbound events get room beyond what the API accepts (ids of 64 characters, wamids
-- of 200, file names of 240), so that an event stored before those checks existed never fails its projection.
alter table timeline_message alter column message_key set data type varchar(1024);
alter table timeline_message alter column media_id set data type varchar(1024);
alter table timeline_message alter column filename set data type varchar(1024);
alter table timeline_message alter column reply_to_wamid set data type varchar(1024);
alter table timeline_message alter column reaction_target set data type varchar(1024);
alter table outbound_message alter column message_id set data type varchar(1024);
alter table outbound_message alter column reply_to_wamid set data type varchar(1024);
alter table analytics_template_message alter column message_id set data type varchar(1024);

-- Which conversation a caller's own message id (clientMessageId) was first used in: the same id in another
-- conversation is refused instead of being silently dropped.
create table client_message_id (
    message_id      varchar(64) not null primary key,
    conversation_id varchar(64) not null
);
