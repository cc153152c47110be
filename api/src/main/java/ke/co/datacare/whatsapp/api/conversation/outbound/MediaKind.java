package ke.co.datacare.whatsapp.api.conversation.outbound;

public enum MediaKind {
    IMAGE, VIDEO, AUDIO, DOCUMENT, STICKER;

    public boolean takesCaption() {
        return this == IMAGE || this == VIDEO || this == DOCUMENT;
    }
}
