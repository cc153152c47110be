-- Owner: command-side campaign dispatch (AudienceResolver writes campaign_recipient, RecipientQueue sends from it).
-- Recipient rows written before audiences named contacts (AudienceResolver before CampaignAudienceResolved revision 2)
-- hold the phone number as typed or uploaded in entry, and its digits in wa_id when the number was not a contact yet.
-- They are rewritten the way rows are written now (data only; portable SQL, so PostgreSQL and the embedded H2 alike):
-- * an entry of a row with a contact becomes that contact id: the contact the number resolved to then (the directory's
--   contact of a known number, the id derived from a new one, ContactId.derivedFrom("wa_id:<digits>")), which is what
--   AudienceResolver writes as entry now; a row anonymised by erasure keeps "erased";
-- * an entry that was not a number (excluded as INVALID_PHONE_NUMBER, no contact) becomes its position, #(seq+1);
-- * wa_id is cleared on every row that is no longer pending. A pending row keeps it: RecipientQueue sends a row with
--   a wa_id to that number, registering it as a contact when its turn comes; without it the row would be sent to a
--   contact id that may not be in the directory yet.
-- Entries of contacts that were not reachable (NO_WHATSAPP_IDENTITY, no contact) are contact ids as given: kept.
update campaign_recipient set entry = contact_id
where contact_id is not null and entry <> contact_id and entry <> 'erased';

update campaign_recipient set entry = concat('#', cast(seq + 1 as varchar(11)))
where contact_id is null and reason = 'INVALID_PHONE_NUMBER' and entry <> concat('#', cast(seq + 1 as varchar(11)));

update campaign_recipient set wa_id = null
where wa_id is not null and state <> 'pending';
