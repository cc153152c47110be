-- The business number a campaign sends from (CampaignNumberChosen), read by campaign dispatch (owned by
-- CampaignLookups in command-side/.../command/campaign, like the rest of campaign_dispatch). Null: a campaign created
-- before campaigns chose their number, which sends from the default number.
alter table campaign_dispatch add column phone_number_id varchar(64);
