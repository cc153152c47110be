package ke.co.datacare.whatsapp.app.support;

import java.util.List;

/** Meta-format webhook bodies for tests: an envelope around messages or statuses of one business number. */
public final class Webhooks {

    public static final String PHONE_NUMBER_ID = "110000000000001";

    private Webhooks() {
    }

    public static String envelope(String valueJson) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"220000000000002\",\"changes\":[{\"field\":"
                + "\"messages\",\"value\":" + valueJson + "}]}]}";
    }

    public static String messages(String waId, String name, List<String> messages) {
        return envelope("{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"254700000001\","
                + "\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"},\"contacts\":[{\"profile\":{\"name\":\"" + name
                + "\"},\"wa_id\":\"" + waId + "\"}],\"messages\":[" + String.join(",", messages) + "]}");
    }

    public static String text(String waId, String name, String wamid, long timestamp, String body) {
        return messages(waId, name, List.of(message(waId, wamid, timestamp, "text", "{\"body\":\"" + body + "\"}")));
    }

    public static String message(String from, String wamid, long timestamp, String type, String objectJson) {
        return "{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + timestamp + "\",\"type\":\""
                + type + "\",\"" + type + "\":" + objectJson + "}";
    }

    public static String statuses(List<String> statuses) {
        return envelope("{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"254700000001\","
                + "\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"},\"statuses\":[" + String.join(",", statuses) + "]}");
    }

    public static String status(String wamid, String recipient, String status, long timestamp) {
        String errors = status.equals("failed")
                ? ",\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\",\"error_data\":{\"details\":\"receiver incapable\"}}]"
                : "";
        return "{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\"" + timestamp
                + "\",\"recipient_id\":\"" + recipient + "\"" + errors + "}";
    }
}
