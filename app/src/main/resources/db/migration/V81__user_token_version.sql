-- Tokens carry the version of their user: disabling the user or changing the password raises it, which revokes
-- every token issued before. A generated first-admin password must be changed at first login.
alter table app_user add column token_version integer not null default 0;
alter table app_user add column password_change_required boolean not null default false;
