package ke.co.datacare.whatsapp.api.conversation.outbound;

import java.util.List;

public record InteractiveListContent(String header, String body, String footer, String buttonText,
                                     List<ListSection> sections) implements OutboundContent {

    public InteractiveListContent {
        sections = Lists.copyOf(sections);
    }
}
