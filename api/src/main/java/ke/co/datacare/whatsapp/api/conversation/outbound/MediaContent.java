package ke.co.datacare.whatsapp.api.conversation.outbound;

import ke.co.datacare.whatsapp.api.protection.PersonalData;

/**
 * A media message, by uploaded media id or by public link (exactly one of the two).
 */
public record MediaContent(MediaKind kind, String mediaId, String link, @PersonalData String caption,
                           @PersonalData String filename)
        implements OutboundContent {

    public static MediaContent byId(MediaKind kind, String mediaId, String caption) {
        return new MediaContent(kind, mediaId, null, caption, null);
    }

    public static MediaContent byLink(MediaKind kind, String link, String caption) {
        return new MediaContent(kind, null, link, caption, null);
    }
}
