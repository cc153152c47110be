package ke.co.datacare.whatsapp.api.account;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Meta rated one of our templates anew ({@code message_template_quality_update}): GREEN, YELLOW, RED or UNKNOWN. */
@Revision("1")
public record MessageTemplateQualityChanged(long templateId, String name, String language, String previousQuality,
                                            String newQuality, Instant at) {
}
