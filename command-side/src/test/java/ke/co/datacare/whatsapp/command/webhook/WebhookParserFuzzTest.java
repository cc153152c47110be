package ke.co.datacare.whatsapp.command.webhook;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.co.datacare.whatsapp.api.conversation.InboundMessage;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook parser on any body, coverage-guided: it reads it or refuses it with an {@link IOException} (not JSON)
 * or a {@link NotAWebhookException} (not an envelope), never anything else, and what it reads fits the read models:
 * no NUL character in any text, identities, names, ids and types no longer than their columns (message_status's error title and details and pricing too). In a normal test run
 * it replays the committed corpus ({@code WebhookParserFuzzTestInputs/}: webhooks of every kind and the bodies of the
 * defects the intake's fuzz test found); with {@code JAZZER_FUZZ=1} it fuzzes from there.
 */
class WebhookParserFuzzTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-06T09:00:00Z");
    private final WebhookParser parser = new WebhookParser(new ObjectMapper());

    @FuzzTest(maxDuration = "10m")
    void any_body_is_read_into_values_the_read_models_hold_or_refused_as_no_webhook(byte[] body) {
        List<WebhookItem> items;
        try {
            items = parser.parse(body, RECEIVED);
        } catch (IOException | NotAWebhookException refused) {
            return;
        }
        for (WebhookItem item : items) {
            assertNoNul(item);
            if (item instanceof WebhookItem.Inbound inbound) {
                fits(inbound.sender());
                assertThat(length(inbound.wamid())).as("wamid").isLessThanOrEqualTo(256);
                assertThat(inbound.sentAt()).as("sent at").isBetween(Instant.EPOCH, Instant.parse("5138-12-31T00:00:00Z"));
                if (inbound.message() instanceof InboundMessage.Unknown unknown) {
                    assertThat(length(unknown.type())).as("unknown type").isLessThanOrEqualTo(32);
                }
                if (inbound.message() instanceof InboundMessage.Reaction reaction) {
                    assertThat(length(reaction.emoji())).as("emoji").isLessThanOrEqualTo(32);
                }
                if (inbound.message() instanceof InboundMessage.Media media) {
                    assertThat(length(media.mediaId())).as("media id").isLessThanOrEqualTo(128);
                    assertThat(length(media.filename())).as("file name").isLessThanOrEqualTo(512);
                }
            } else if (item instanceof WebhookItem.Status status) {
                fits(status.recipient());
                assertThat(length(status.wamid())).as("wamid").isLessThanOrEqualTo(256);
                assertThat(length(status.errorTitle())).as("error title").isLessThanOrEqualTo(512);
                assertThat(length(status.errorDetails())).as("error details").isLessThanOrEqualTo(2000);
                if (status.pricing() != null) {
                    assertThat(length(status.pricing().category())).as("pricing category").isLessThanOrEqualTo(64);
                    assertThat(length(status.pricing().pricingModel())).as("pricing model").isLessThanOrEqualTo(64);
                }
            } else if (item instanceof WebhookItem.MarketingPreference preference) {
                fits(preference.sender());
            } else if (item instanceof WebhookItem.TemplateStatus template) {
                assertThat(template.status()).as("template status").isNotNull();
            }
        }
    }

    private static void fits(WebhookItem.Sender sender) {
        assertThat(length(sender.waId())).as("wa_id").isLessThanOrEqualTo(64);
        assertThat(length(sender.userId())).as("user id").isLessThanOrEqualTo(64);
        assertThat(length(sender.profileName())).as("profile name").isLessThanOrEqualTo(256);
    }

    private static int length(String value) {
        return value == null ? 0 : value.length();
    }

    /** No text anywhere in the item (records, lists, strings, all the way down) holds U+0000. */
    private static void assertNoNul(Object value) {
        if (value instanceof String text) {
            assertThat(text.indexOf('\0')).as("a NUL character in %s", text).isNegative();
        } else if (value instanceof Collection<?> values) {
            values.forEach(WebhookParserFuzzTest::assertNoNul);
        } else if (value != null && value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                try {
                    assertNoNul(component.getAccessor().invoke(value));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
