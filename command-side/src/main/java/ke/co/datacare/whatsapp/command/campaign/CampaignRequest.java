package ke.co.datacare.whatsapp.command.campaign;

import io.swagger.v3.oas.annotations.media.Schema;
import ke.co.datacare.whatsapp.api.campaign.ParameterSource;

import java.util.List;

/**
 * A campaign as a client describes it, for {@code POST /api/campaigns} and {@code PUT /api/campaigns/{id}}; it sends
 * from business number {@code phoneNumberId}, the default number when absent ({@code GET /api/numbers} lists them).
 */
@Schema(example = "{\"name\":\"December offer\",\"template\":{\"name\":\"december_offer\",\"language\":\"en\","
        + "\"parameters\":[{\"source\":\"profileName\",\"default\":\"customer\"}]},"
        + "\"audience\":{\"phoneNumbers\":[\"+254712345678\"],\"contactIds\":[]},"
        + "\"sendWindow\":{\"from\":\"08:00\",\"to\":\"20:00\",\"zone\":\"Africa/Nairobi\"},"
        + "\"phoneNumberId\":\"110000000000001\"}")
record CampaignRequest(String name, Template template, Audience audience, Window sendWindow, String phoneNumberId) {

    /** An approved template and where each body parameter ({{1}}, {{2}}, ...) comes from, in order. */
    record Template(String name, String language, List<ParameterSource> parameters) {
    }

    /** Contacts with any of the tags, the contact ids and the phone numbers (a CSV upload adds more numbers). */
    record Audience(List<String> tags, List<String> contactIds, List<String> phoneNumbers) {
    }

    /** Local hours HH:mm in a time zone (default Africa/Nairobi); outside them dispatch waits. */
    record Window(String from, String to, String zone) {
    }
}
