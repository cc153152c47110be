package ke.co.datacare.whatsapp.api.campaign;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A campaign's id: 16 lowercase hex digits, short enough that {@link #messageIdFor its message ids}
 * ({@code cmp-<campaignId>-<contactId>}) fit the 64 characters of a message id.
 */
public record CampaignId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{16}");
    private static final String MESSAGE_ID_PREFIX = "cmp-";

    public CampaignId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("A CampaignId is 16 lowercase hex digits");
        }
    }

    @JsonCreator
    public static CampaignId of(String value) {
        return new CampaignId(value);
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    /** The id of a UUID's first 64 bits, for ids drawn at the edge. */
    public static CampaignId fromUuid(java.util.UUID uuid) {
        return new CampaignId(String.format("%016x", uuid.getMostSignificantBits()));
    }

    /** The {@code sentBy} of this campaign's messages. */
    public String sender() {
        return "campaign:" + value;
    }

    /**
     * The message id of this campaign's message to one contact: the same for every attempt, so that a
     * restart in the middle of a campaign never sends anyone a second message.
     */
    public String messageIdFor(String contactId) {
        return MESSAGE_ID_PREFIX + value + "-" + contactId;
    }

    /** Whether a message id belongs to a campaign (any campaign). */
    public static boolean isCampaignMessage(String messageId) {
        return messageId != null && messageId.startsWith(MESSAGE_ID_PREFIX);
    }

    /** The campaign a {@code sentBy} names, if it names one. */
    public static CampaignId fromSender(String sentBy) {
        if (sentBy == null || !sentBy.startsWith("campaign:") || !isValid(sentBy.substring(9))) {
            return null;
        }
        return new CampaignId(sentBy.substring(9));
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
