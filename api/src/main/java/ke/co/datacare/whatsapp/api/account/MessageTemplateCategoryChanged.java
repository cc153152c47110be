package ke.co.datacare.whatsapp.api.account;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Meta moved one of our templates to another category ({@code template_category_update}, completed change): a utility
 * template reclassified as marketing is priced as marketing and obeys marketing opt-outs from then on.
 */
@Revision("1")
public record MessageTemplateCategoryChanged(long templateId, String name, String language, String previousCategory,
                                             String newCategory, Instant at) {
}
