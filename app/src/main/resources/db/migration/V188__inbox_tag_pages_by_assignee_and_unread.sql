-- A tag's page with an assignee (mine), unassigned or unread reads only its page (inbox_conversation_tag, owned by
-- InboxConversationProjection, kept in the unit of work that writes inbox_conversation). These filters were checked on
-- each tagged conversation's own row, in the tag's order, until the page was full: a combination that matches few
-- or none of the tag's conversations read every one of them (all 10,000 of a tag on 10 % of 100,000 conversations).
-- The rows now carry the conversation's assignee (null: unassigned) and whether it has unread messages, each with an
-- index in page order.
alter table inbox_conversation_tag add column assignee varchar(128);
alter table inbox_conversation_tag add column unread boolean default false not null;
update inbox_conversation_tag g set
    assignee = (select c.assignee from inbox_conversation c where c.conversation_id = g.conversation_id),
    unread = coalesce((select c.unread_count > 0 from inbox_conversation c where c.conversation_id = g.conversation_id),
                      false);
create index inbox_conversation_tag_assignee_page
    on inbox_conversation_tag (tag, assignee, last_activity_at desc, conversation_id desc);
create index inbox_conversation_tag_unread_page
    on inbox_conversation_tag (tag, unread, last_activity_at desc, conversation_id desc);
