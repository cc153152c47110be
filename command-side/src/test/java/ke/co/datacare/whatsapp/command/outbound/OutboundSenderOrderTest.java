package ke.co.datacare.whatsapp.command.outbound;

import ke.co.datacare.whatsapp.api.conversation.outbound.TextContent;
import ke.co.datacare.whatsapp.command.graph.TrafficClass;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundSenderOrderTest {

    private static OutboundSender.Send send(String messageId) {
        return new OutboundSender.Send(messageId, 1, "conversation-1", "contact-1", "110000000000001", null,
                new TextContent(messageId, false), null, TrafficClass.CONVERSATION);
    }

    @Test
    void a_recipients_messages_line_up_in_the_order_they_were_handed_over_not_the_order_their_rows_were_read() {
        Map<String, OutboundSender.Send> readBackInIdOrder = new LinkedHashMap<>();
        for (String id : List.of("a-menu", "b-follow-up", "z-greeting")) {
            readBackInIdOrder.put(id, send(id));
        }
        List<OutboundSender.Attempt> handedOver = List.of(new OutboundSender.Attempt("z-greeting", 1),
                new OutboundSender.Attempt("a-menu", 1), new OutboundSender.Attempt("b-follow-up", 1));

        List<OutboundSender.Send> lined = OutboundSender.inHandOverOrder(handedOver, readBackInIdOrder);

        assertThat(lined).extracting(OutboundSender.Send::messageId).containsExactly("z-greeting", "a-menu", "b-follow-up");
    }

    @Test
    void an_attempt_whose_row_was_already_answered_is_left_out_and_a_message_handed_over_twice_is_lined_up_once() {
        Map<String, OutboundSender.Send> loaded = Map.of("greeting", send("greeting"), "menu", send("menu"));
        List<OutboundSender.Attempt> handedOver = List.of(new OutboundSender.Attempt("answered-elsewhere", 1),
                new OutboundSender.Attempt("greeting", 1), new OutboundSender.Attempt("greeting", 1),
                new OutboundSender.Attempt("menu", 1));

        assertThat(OutboundSender.inHandOverOrder(handedOver, loaded)).extracting(OutboundSender.Send::messageId)
                .containsExactly("greeting", "menu");
    }
}
