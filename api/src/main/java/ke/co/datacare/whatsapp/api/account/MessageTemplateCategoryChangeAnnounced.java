package ke.co.datacare.whatsapp.api.account;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Meta announced that it will move one of our templates to {@code correctCategory} at {@code effectiveAt}
 * ({@code template_category_update}, impending change); nothing changes until the completed change arrives.
 */
@Revision("1")
public record MessageTemplateCategoryChangeAnnounced(long templateId, String name, String language,
                                                     String currentCategory, String correctCategory,
                                                     Instant effectiveAt, Instant at) {
}
