package ke.co.datacare.whatsapp.api.conversation.outbound;

import ke.co.datacare.whatsapp.api.protection.PersonalData;

public record TextContent(@PersonalData String body, boolean previewUrl) implements OutboundContent {
}
