-- Our message ids may embed Meta's wamid (a bot reply is "bot-<wamid>", about 70 characters).
alter table outbound_message alter column message_id set data type varchar(300);
