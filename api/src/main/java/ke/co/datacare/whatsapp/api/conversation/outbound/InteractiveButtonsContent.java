package ke.co.datacare.whatsapp.api.conversation.outbound;

import java.util.List;

public record InteractiveButtonsContent(String header, String body, String footer, List<ReplyButton> buttons)
        implements OutboundContent {

    public InteractiveButtonsContent {
        buttons = Lists.copyOf(buttons);
    }
}
