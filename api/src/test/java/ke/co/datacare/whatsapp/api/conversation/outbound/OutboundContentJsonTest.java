package ke.co.datacare.whatsapp.api.conversation.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundContentJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void every_kind_of_content_survives_a_json_round_trip_with_its_type_name() throws Exception {
        List<OutboundContent> contents = List.of(
                new TextContent("Habari", true),
                new TemplateContent("order_update", "en", List.of(TemplateComponent.body(
                        TemplateParameter.text("Wanjiku"), TemplateParameter.text("DC-1042")))),
                MediaContent.byLink(MediaKind.DOCUMENT, "https://example.com/a.pdf", "Invoice"),
                new InteractiveButtonsContent(null, "Choose", null, List.of(new ReplyButton("yes", "Yes"))),
                new InteractiveListContent(null, "Pick", null, "Open",
                        List.of(new ListSection(null, List.of(new ListRow("a", "A", null))))),
                new ReactionContent("wamid.A", "\uD83D\uDC4D"));

        for (OutboundContent content : contents) {
            String text = json.writeValueAsString(content);
            assertThat(json.readValue(text, OutboundContent.class)).isEqualTo(content);
        }
        assertThat(json.writeValueAsString(contents.get(0))).contains("\"type\":\"text\"");
        assertThat(json.writeValueAsString(contents.get(3))).contains("\"type\":\"interactive_buttons\"");
    }
}
