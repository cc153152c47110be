-- The inbox's conversations per status (owned by InboxConversationProjection, kept in the unit of work that writes
-- inbox_conversation, rebuilt with the read models): the total of a status filter alone is read
-- from these few rows, exact at any size, instead of counting matching rows up to a cap.
create table inbox_status_count (
    status        varchar(16) not null primary key,
    conversations bigint      not null
);
insert into inbox_status_count (status, conversations)
    select status, count(*) from inbox_conversation where status is not null group by status;
