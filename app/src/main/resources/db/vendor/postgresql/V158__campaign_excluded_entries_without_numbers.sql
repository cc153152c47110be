-- Owner: query-side CampaignProjection (campaign_excluded_view).
-- Excluded audience entries are named by contact id now, never by phone number (CampaignAudienceResolved revision 2).
-- Rows written from revision 1 events get what those events read as through CampaignAudienceResolvedUpcaster
-- (OldAudienceEntries): a phone number becomes the contact id derived from it (UUID v3 of "ContactId:wa_id:<digits>",
-- as ContactId.derivedFrom), a contact id stays, anything else reads 'erased'. So a rebuild gives the same rows.
update campaign_excluded_view v set entry = coalesce(
    (select substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-3' || substr(h, 14, 3) || '-'
                || substr('89ab', (('x' || substr(h, 17, 1))::bit(4)::int & 3) + 1, 1) || substr(h, 18, 3) || '-'
                || substr(h, 21, 12)
     from (select md5('ContactId:wa_id:' || d) as h
           from (select regexp_replace(regexp_replace(v.entry, '[[:space:]().-]', '', 'g'), '^\+', '') as d) digits
           where d ~ '^[1-9][0-9]{5,14}$') hashed),
    'erased')
where v.entry !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' and v.entry <> 'erased';
