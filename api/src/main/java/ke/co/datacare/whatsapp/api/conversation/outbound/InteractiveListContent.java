package ke.co.datacare.whatsapp.api.conversation.outbound;

import ke.co.datacare.whatsapp.api.protection.PersonalData;

import java.util.List;

public record InteractiveListContent(String header, @PersonalData String body, String footer, String buttonText,
                                     List<ListSection> sections) implements OutboundContent {

    public InteractiveListContent {
        sections = Lists.copyOf(sections);
    }
}
