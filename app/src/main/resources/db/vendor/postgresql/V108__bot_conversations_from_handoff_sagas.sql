-- Conversations in the middle of an episode when the bot's decision left the handoff saga: their saga (JSON, written
-- by Jackson) says who holds them and what the bot remembers, so the bot carries on from there instead of answering a
-- conversation an agent holds or forgetting a pending question. Sagas that cannot be read as JSON are left out (the
-- bot then meets their conversation as one from before it existed: with the bot, context from the context store).
insert into bot_conversation (conversation_id, with_bot, snoozed, last_inbound_wamid, has_context, last_intent,
                              not_understood_count, bot_turns, pending_question, out_of_office_replied_on)
select distinct on (a.association_value)
       a.association_value,
       case s.saga ->> 'stage'
           when 'SNOOZED' then coalesce(s.saga ->> 'stageBeforeSnooze', 'BOT') = 'BOT'
           else coalesce(s.saga ->> 'stage', 'BOT') = 'BOT' end,
       coalesce(s.saga ->> 'stage', 'BOT') = 'SNOOZED',
       s.saga ->> 'lastInboundWamid',
       coalesce(jsonb_typeof(s.saga -> 'context') = 'object', false),
       s.saga -> 'context' ->> 'lastIntent',
       case when jsonb_typeof(s.saga -> 'context' -> 'notUnderstoodCount') = 'number'
            then (s.saga -> 'context' ->> 'notUnderstoodCount')::integer else 0 end,
       case when jsonb_typeof(s.saga -> 'context' -> 'botTurns') = 'number'
            then (s.saga -> 'context' ->> 'botTurns')::integer else 0 end,
       s.saga -> 'context' ->> 'pendingQuestion',
       case when jsonb_typeof(s.saga -> 'context' -> 'outOfOfficeRepliedOn') = 'string'
                 and s.saga -> 'context' ->> 'outOfOfficeRepliedOn' ~ '^\d{4}-\d{2}-\d{2}$'
            then (s.saga -> 'context' ->> 'outOfOfficeRepliedOn')::date end
from (select saga_id, convert_from(serialized_saga, 'UTF8')::jsonb as saga
      from saga_entry
      where saga_type = 'ke.co.datacare.whatsapp.chatbot.handoff.HandoffSaga'
        and serialized_saga is not null
        and convert_from(serialized_saga, 'UTF8') like '{%') s
join association_value_entry a on a.saga_id = s.saga_id and a.association_key = 'conversationId'
order by a.association_value, s.saga_id;
