-- The business number a campaign sends from, for the campaign endpoints and the console (CampaignNumberChosen; owned
-- by CampaignProjection in query-side/.../query/campaign, like the rest of campaign_view). Null: a campaign created
-- before campaigns chose their number, which sends from the default number.
alter table campaign_view add column phone_number_id varchar(64);
