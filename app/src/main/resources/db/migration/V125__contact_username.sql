-- Owned by the query side (ContactViewProjection): the WhatsApp username (profile.username, since 2026) and the
-- parent business-scoped user id of a contact, as Meta last sent them.
alter table contact_view add column username varchar(256);
alter table contact_view add column parent_user_id varchar(128);
