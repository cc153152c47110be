package ke.co.datacare.whatsapp.command.graph;

/**
 * Meta's answer to a template submission; the status is usually PENDING until review.
 */
public record TemplateSubmission(long id, String status, String category) {
}
