-- Dispatch partitioned by customer: the intake stores one row per customer a body carries (the same raw body, its
-- customer key and partition), and dispatch workers on any number of instances each own some partitions (PostgreSQL
-- advisory locks), so each customer's (and so each conversation's) webhooks keep their order while different
-- customers go in parallel. Rows stored before this version carry no customer key: they are dispatched whole, by the
-- owner of partition 0. The single-row lock table of the one-dispatcher design is no longer used.
alter table webhook_inbox add column partition_no smallint not null default 0;
alter table webhook_inbox add column customer_key varchar(160);
alter table webhook_inbox add column whole_body boolean not null default true;
alter table webhook_inbox alter column whole_body set default false;
create index webhook_inbox_partition_pending on webhook_inbox (partition_no, processed_at, parked, id);
