package ke.co.datacare.whatsapp.command.graph;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A template to submit for Meta's review.
 *
 * @param category   MARKETING, UTILITY or AUTHENTICATION
 * @param components Meta's components array (HEADER, BODY with examples, FOOTER, BUTTONS)
 */
public record TemplateDraft(String name, String category, String language, JsonNode components) {
}
