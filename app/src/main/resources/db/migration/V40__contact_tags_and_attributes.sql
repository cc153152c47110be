-- Contact tags and custom attributes.

-- The contacts of each tag for campaign audiences, kept by ContactTagIndex (processing group command-lookups)
-- in the transaction of the tag events.
create table contact_tag (
    contact_id varchar(64) not null,
    tag        varchar(50) not null,
    primary key (contact_id, tag)
);
create index contact_tag_tag on contact_tag (tag);

-- The tags and attributes of the contacts read model, owned by the inbox projection with contact_view.
create table contact_view_tag (
    contact_id varchar(64) not null,
    tag        varchar(50) not null,
    primary key (contact_id, tag)
);
create index contact_view_tag_tag on contact_view_tag (tag);

create table contact_view_attribute (
    contact_id      varchar(64)  not null,
    attribute_name  varchar(40)  not null,
    attribute_value varchar(500) not null,
    primary key (contact_id, attribute_name)
);
