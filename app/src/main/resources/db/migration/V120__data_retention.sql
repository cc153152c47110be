-- The cut-off each retention rule last applied (one row per rule), so that instances agree on when a rule advanced
-- and record its event once. Owner: app (protection package).
create table data_retention (
    rule       varchar(64)              not null primary key,
    cutoff     timestamp with time zone not null,
    applied_at timestamp with time zone not null
);
insert into data_retention (rule, cutoff, applied_at)
values ('message-texts', timestamp with time zone '1970-01-01 00:00:00+00', timestamp with time zone '1970-01-01 00:00:00+00');
