-- A tag's conversations in the inbox's order (owned by InboxConversationProjection, kept in the unit of work that
-- writes inbox_conversation, rebuilt with the read models). The tag filter read every tagged contact's conversations
-- to order them for a page (10,000 for a tag on 1 % of a million contacts); through inbox_conversation_tag_page a
-- tag's page reads its own rows and stops.
-- inbox_contact_tag: the tags of each contact as the inbox knows them, so that a conversation started after its
-- contact was tagged carries the tags from the start (contact_view_tag is the contacts read model's).
create table inbox_contact_tag (
    contact_id varchar(64) not null,
    tag        varchar(50) not null,
    primary key (contact_id, tag)
);
-- inbox_conversation_tag: one row per conversation and tag of its contact, with the conversation's status and last
-- activity (a tag and a status, vip and open, read their page from the second index).
create table inbox_conversation_tag (
    conversation_id  varchar(64) not null,
    tag              varchar(50) not null,
    status           varchar(16) not null,
    last_activity_at timestamp with time zone not null,
    primary key (conversation_id, tag)
);
insert into inbox_contact_tag (contact_id, tag) select contact_id, tag from contact_view_tag;
insert into inbox_conversation_tag (conversation_id, tag, status, last_activity_at)
    select c.conversation_id, t.tag, c.status, c.last_activity_at
    from inbox_conversation c join inbox_contact_tag t on t.contact_id = c.contact_id;
create index inbox_conversation_tag_page on inbox_conversation_tag (tag, last_activity_at desc, conversation_id desc);
create index inbox_conversation_tag_status_page
    on inbox_conversation_tag (tag, status, last_activity_at desc, conversation_id desc);
