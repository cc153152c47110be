-- The bot's memory of each conversation, owned by chatbot-saga's handoff package (docs/table-owners.md): whether the
-- bot holds it (with_bot, not snoozed), the last customer message it saw (redeliveries are not answered twice) and the
-- episode's context (has_context false: not known yet, read from the context store at the next decision). Read once
-- and written once per batch of the bot's processor.
create table bot_conversation (
    conversation_id          varchar(64)  not null primary key,
    with_bot                 boolean      not null,
    snoozed                  boolean      not null,
    last_inbound_wamid       varchar(512),
    has_context              boolean      not null,
    last_intent              varchar(255),
    not_understood_count     integer      not null,
    bot_turns                integer      not null,
    pending_question         varchar(255),
    out_of_office_replied_on date
);
