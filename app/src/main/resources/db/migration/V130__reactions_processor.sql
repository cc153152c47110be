-- Read receipts, the media archive's queue and the integrations' feed now share one processor, "reactions" (one reader
-- of the event store instead of two). It goes on from where the integrations' feed had got to (its deliveries are
-- the ones that must not be missed; read receipts are best effort), and the former groups' token rows go, so no
-- instance waits to claim segments nobody processes any more.
insert into token_entry (processor_name, segment, token, token_type, time_stamp, owner)
select 'reactions', segment, token, token_type, time_stamp, null
from token_entry
where processor_name = 'integrations'
  and segment = 0
  and not exists (select 1 from token_entry where processor_name = 'reactions');

delete from token_entry where processor_name in ('integrations', 'read-receipts');
