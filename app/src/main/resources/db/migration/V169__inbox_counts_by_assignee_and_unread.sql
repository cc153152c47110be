-- The inbox's conversations per status, assignee ('' for none) and whether they have unread messages (owned by
-- InboxConversationProjection, kept in the unit of work that writes inbox_conversation, rebuilt with the read
-- models): the totals of the whole inbox and of any mix of the status, assignee (mine), unassigned and unread
-- filters are sums of these rows, exact at any size (a few rows per agent), where a count of the matching rows stopped
-- at 10,001 and cost 12-14 ms of PostgreSQL at a million conversations.
drop table inbox_status_count;
create table inbox_status_count (
    status        varchar(16)  not null,
    assignee      varchar(128) not null,
    unread        boolean      not null,
    conversations bigint       not null,
    primary key (status, assignee, unread)
);
insert into inbox_status_count (status, assignee, unread, conversations)
    select status, coalesce(assignee, ''), unread_count > 0, count(*) from inbox_conversation
    where status is not null group by status, coalesce(assignee, ''), unread_count > 0;
