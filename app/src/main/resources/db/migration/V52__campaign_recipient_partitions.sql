-- Campaign recipients are split by contact into partition keys (0-1023), so that dispatch workers on every instance
-- each queue the recipients of the partitions they claim (PostgreSQL advisory locks, PartitionClaims): a worker
-- owning partition p of n takes the rows whose partition_key mod n = p. Rows written before have key 0.
alter table campaign_recipient add column partition_key integer not null default 0;
