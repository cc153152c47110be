package ke.co.datacare.whatsapp.command.graph;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message template as Meta lists it; {@code components} is Meta's JSON array, kept as it came.
 */
public record TemplateSummary(long id, String name, String status, String category, String language,
                              JsonNode components) {
}
