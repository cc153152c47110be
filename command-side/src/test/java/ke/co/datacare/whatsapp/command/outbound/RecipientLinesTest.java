package ke.co.datacare.whatsapp.command.outbound;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import ke.co.datacare.whatsapp.command.graph.TrafficClass;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientLinesTest {

    private final RecipientLines lines = new RecipientLines(new SenderWaits(new SimpleMeterRegistry()));

    private static OutboundSender.Send send(String messageId, String recipient, TrafficClass traffic) {
        return new OutboundSender.Send(messageId, 1, "conversation-" + recipient, "contact-" + recipient,
                "110000000000001", recipient, new TextContent(messageId, false), null, traffic);
    }

    @Test
    void only_the_first_message_of_each_recipient_is_ready_and_the_next_follows_once_meta_answered() {
        OutboundSender.Send greeting = send("greeting", "254700000001", TrafficClass.CONVERSATION);
        OutboundSender.Send menu = send("menu", "254700000001", TrafficClass.CONVERSATION);
        OutboundSender.Send other = send("other", "254700000002", TrafficClass.CONVERSATION);
        lines.lineUp(List.of(greeting, menu, other));

        assertThat(lines.ready(TrafficClass.CONVERSATION)).containsExactly(greeting, other);
        lines.ready(TrafficClass.CONVERSATION).clear();
        lines.next(greeting);
        assertThat(lines.ready(TrafficClass.CONVERSATION)).containsExactly(menu);
        lines.ready(TrafficClass.CONVERSATION).clear();
        lines.next(menu);
        lines.next(other);
        assertThat(lines.ready(TrafficClass.CONVERSATION)).as("both lines are done").isEmpty();
    }

    @Test
    void campaign_sends_wait_in_a_ready_line_of_their_own_and_one_put_aside_goes_first_again() {
        OutboundSender.Send reply = send("reply", "254700000001", TrafficClass.CONVERSATION);
        OutboundSender.Send first = send("offer-1", "254700000002", TrafficClass.CAMPAIGN);
        OutboundSender.Send second = send("offer-2", "254700000003", TrafficClass.CAMPAIGN);
        lines.lineUp(List.of(first, reply, second));

        assertThat(lines.ready(TrafficClass.CONVERSATION)).containsExactly(reply);
        assertThat(lines.ready(TrafficClass.CAMPAIGN)).containsExactly(first, second);
        lines.ready(TrafficClass.CAMPAIGN).pollFirst();
        lines.readyAgain(first);
        assertThat(lines.ready(TrafficClass.CAMPAIGN)).containsExactly(first, second);
    }
}
