package ke.co.datacare.whatsapp.api.conversation.outbound;

import ke.co.datacare.whatsapp.api.protection.PersonalData;

import java.util.List;

public record InteractiveButtonsContent(String header, @PersonalData String body, String footer, List<ReplyButton> buttons)
        implements OutboundContent {

    public InteractiveButtonsContent {
        buttons = Lists.copyOf(buttons);
    }
}
