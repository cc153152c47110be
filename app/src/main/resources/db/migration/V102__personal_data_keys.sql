-- Each contact's data key (a Tink keyset, wrapped by the master key): personal fields of its events are encrypted
-- with it, and erasing the contact deletes the row. Owner: app (protection package).
create table personal_data_key (
    subject_id varchar(64)              not null primary key,
    keyset     bytea                    not null,
    created_at timestamp with time zone not null
);
