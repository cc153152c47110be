package ke.co.datacare.whatsapp.command.outbound;

import ke.co.datacare.whatsapp.api.conversation.outbound.ErrorClass;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageQueued;
import ke.co.datacare.whatsapp.api.conversation.OutboundMessageRetried;
import ke.co.datacare.whatsapp.api.conversation.RecordSendAcceptance;
import ke.co.datacare.whatsapp.api.conversation.RecordSendFailure;
import ke.co.datacare.whatsapp.api.conversation.outbound.OutboundContent;
import ke.co.datacare.whatsapp.command.graph.GraphApiClient;
import ke.co.datacare.whatsapp.command.graph.GraphError;
import ke.co.datacare.whatsapp.command.graph.SendResult;
import ke.co.datacare.whatsapp.command.graph.SendThrottle;
import ke.co.datacare.whatsapp.command.graph.TrafficClass;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/**
 * Sends our queued messages to Meta after their events are stored, through the shared throttle, and
 * records the outcome as commands. Never replayed: a replay must not message customers again. Each attempt
 * is claimed on its {@code outbound_message} row before Meta is called, so a second handler of the same
 * event (another instance) does not send it again; the message id goes out as {@code biz_opaque_callback_data}.
 * A crash between Meta's answer and the stored outcome can still send a message twice.
 */
@Component
@ProcessingGroup(OutboundDispatcher.GROUP)
class OutboundDispatcher {

    static final String GROUP = "outbound-dispatch";
    private static final Logger log = LoggerFactory.getLogger(OutboundDispatcher.class);

    private final GraphApiClient graph;
    private final SendThrottle throttle;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    OutboundDispatcher(GraphApiClient graph, SendThrottle throttle, CommandGateway commands, JdbcTemplate jdbc,
                       ObjectMapper json, Clock clock, ObjectProvider<MeterRegistry> meters) {
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.graph = graph;
        this.throttle = throttle;
        this.commands = commands;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    private record Pending(String messageId, String conversationId, String contactId, String phoneNumberId,
                           OutboundContent content, String replyToWamid, String sentBy, String wamid) {
    }

    @EventHandler
    @DisallowReplay
    void on(OutboundMessageQueued event) throws JsonProcessingException, InterruptedException {
        if (jdbc.queryForObject("select count(*) from outbound_message where message_id = ?", Integer.class,
                event.messageId()) == 0) {
            jdbc.update("insert into outbound_message (message_id, conversation_id, contact_id, phone_number_id, "
                            + "content_json, reply_to_wamid, sent_by, queued_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                    event.messageId(), event.conversationId().value(), event.contactId().value(), event.phoneNumberId(),
                    json.writeValueAsString(event.content()), event.replyToWamid(), event.sentBy(),
                    Timestamp.from(event.queuedAt()));
        }
        dispatch(event.messageId(), 1);
    }

    @EventHandler
    @DisallowReplay
    void on(OutboundMessageRetried event) throws InterruptedException {
        jdbc.update("update outbound_message set wamid = null where message_id = ?", event.messageId());
        dispatch(event.messageId(), event.attempt());
    }

    private void dispatch(String messageId, int attempt) throws InterruptedException {
        Pending pending = load(messageId);
        if (pending == null || pending.wamid() != null || !claim(messageId, attempt)) {
            return;
        }
        String recipient = recipientOf(pending.contactId());
        if (recipient == null) {
            fail(pending, attempt, new GraphError(0, null, null, "No WhatsApp identity",
                    "The contact has no phone number or user id to send to", null, null,
                    ke.co.datacare.whatsapp.api.conversation.outbound.ErrorClass.PERMANENT));
            return;
        }
        TrafficClass traffic = pending.sentBy().startsWith("campaign:") ? TrafficClass.CAMPAIGN : TrafficClass.CONVERSATION;
        throttle.acquire(pending.phoneNumberId(), recipient, traffic);
        if (attempt > 1) {
            meters.counter("datacare.outbound.retries").increment();
        }
        SendResult result = graph.send(recipient, pending.content(), pending.replyToWamid(), messageId);
        if (result instanceof SendResult.Accepted accepted) {
            meters.counter("datacare.outbound.sends", "result", "accepted", "code", "none").increment();
            jdbc.update("update outbound_message set wamid = ? where message_id = ?", accepted.wamid(), messageId);
            commands.sendAndWait(new RecordSendAcceptance(ke.co.datacare.whatsapp.api.common.ConversationId.of(
                    pending.conversationId()), messageId, accepted.wamid(), clock.instant()));
        } else if (result instanceof SendResult.Failed failed) {
            fail(pending, attempt, failed.error());
        }
    }

    /**
     * Takes attempt {@code attempt} of a message for this handler, in the processor's transaction: whoever else
     * handles the same event (another instance after a claim was lost) waits on the row until that transaction
     * ends and then finds the attempt taken. Only a crash before the commit gives the attempt back.
     */
    private boolean claim(String messageId, int attempt) {
        return jdbc.update("update outbound_message set attempts = ? where message_id = ? and attempts < ? and wamid is null",
                attempt, messageId, attempt) == 1;
    }

    private void fail(Pending pending, int attempt, GraphError error) {
        meters.counter("datacare.outbound.sends", "result", error.errorClass().name().toLowerCase(),
                "code", String.valueOf(error.code())).increment();
        log.info("Message {} attempt {} failed: {} ({})", pending.messageId(), attempt, error.code(), error.errorClass());
        commands.sendAndWait(new RecordSendFailure(ke.co.datacare.whatsapp.api.common.ConversationId.of(
                pending.conversationId()), pending.messageId(), attempt, error.code(), error.title(), error.details(),
                error.errorClass().name(), clock.instant()));
    }

    private Pending load(String messageId) {
        List<Pending> found = jdbc.query("select * from outbound_message where message_id = ?", (rs, i) -> {
            try {
                return new Pending(rs.getString("message_id"), rs.getString("conversation_id"), rs.getString("contact_id"),
                        rs.getString("phone_number_id"), json.readValue(rs.getString("content_json"), OutboundContent.class),
                        rs.getString("reply_to_wamid"), rs.getString("sent_by"), rs.getString("wamid"));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored content of " + messageId + " is not readable", e);
            }
        }, messageId);
        return found.isEmpty() ? null : found.get(0);
    }

    private String recipientOf(String contactId) {
        List<String> identities = jdbc.queryForList("select identity from contact_identity where contact_id = ? "
                + "order by identity desc", String.class, contactId);
        return identities.stream().filter(id -> id.startsWith("wa_id:")).map(id -> id.substring(6)).findFirst()
                .or(() -> identities.stream().filter(id -> id.startsWith("user_id:")).map(id -> id.substring(8)).findFirst())
                .orElse(null);
    }
}
