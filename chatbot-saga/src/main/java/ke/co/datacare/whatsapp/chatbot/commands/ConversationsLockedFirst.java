package ke.co.datacare.whatsapp.chatbot.commands;

import ke.co.datacare.whatsapp.api.common.ConversationId;
import ke.co.datacare.whatsapp.api.conversation.InboundMessageEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Before the first event of a processor's batch, takes the locks of the conversations whose customer messages the
 * batch holds, in their order ({@link ConversationLocks}): the bot answers each message as it handles it, and its
 * commands keep a conversation locked until the batch commits, so without this a batch would lock its conversations
 * in the order their messages came and could meet another batch that holds several (the webhook dispatcher's, the
 * sagas', the sender's outcomes, all in this order) in a deadlock. A lock that cannot be taken (a deadlock with a
 * unit of work that locks out of order, which Axon detects) leaves the batch to take its locks as it goes, as before.
 */
public final class ConversationsLockedFirst implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(ConversationsLockedFirst.class);

    private final ConversationLocks locks;

    public ConversationsLockedFirst(ConversationLocks locks) {
        this.locks = locks;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.isFirstMessage()) {
            List<ConversationId> conversations = conversationsOfCustomerMessages(batch.getMessages());
            try {
                locks.takeInOrder(conversations);
            } catch (RuntimeException e) {
                log.debug("The locks of {} conversations were not taken ahead of their batch: {}",
                        conversations.size(), e.toString());
            }
        }
        return interceptorChain.proceed();
    }

    /** By their aggregate ids, the conversations' own: read without deserializing the events. */
    private static List<ConversationId> conversationsOfCustomerMessages(List<?> messages) {
        List<ConversationId> conversations = new ArrayList<>();
        for (Object message : messages) {
            if (message instanceof DomainEventMessage<?> domain
                    && InboundMessageEvent.class.isAssignableFrom(domain.getPayloadType())) {
                conversations.add(ConversationId.of(domain.getAggregateIdentifier()));
            }
        }
        return conversations;
    }
}
