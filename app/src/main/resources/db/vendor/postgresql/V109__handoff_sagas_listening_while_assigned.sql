-- The handoff saga now hears a conversation's customer messages only while an agent holds it, through the association
-- assignedConversationId (kept by the saga from then on). Sagas stored in that stage before it get the association
-- here, so a customer writing again after the agent's answer still starts a new reply deadline.
insert into association_value_entry (association_key, association_value, saga_id, saga_type)
select 'assignedConversationId', a.association_value, a.saga_id, a.saga_type
from association_value_entry a
join saga_entry s on s.saga_id = a.saga_id
where a.association_key = 'conversationId'
  and s.saga_type = 'ke.co.datacare.whatsapp.chatbot.handoff.HandoffSaga'
  and case when convert_from(s.serialized_saga, 'UTF8') like '{%'
           then convert_from(s.serialized_saga, 'UTF8')::jsonb ->> 'stage' end = 'ASSIGNED'
  and not exists (select 1 from association_value_entry b
                  where b.saga_id = a.saga_id and b.association_key = 'assignedConversationId');
