package ke.co.datacare.whatsapp.command.webhook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whose update an item is: the customer's phone number ({@code wa:...}), else the business-scoped user id
 * ({@code user:...}); {@code null} for updates of no customer (templates, account, errors). The webhooks of one key
 * are dispatched in order by one worker at a time, so are those of each conversation and contact. A customer seen
 * once with a phone number and once with the user id alone would land in two partitions; Meta sends the phone
 * number with every message and status today.
 */
final class CustomerKey {

    private CustomerKey() {
    }

    static String of(WebhookItem item) {
        Party party = partyOf(item);
        return party == null ? null : of(party.customer());
    }

    /** The customer an item is about and the business number it came to or went from (which may be null). */
    record Party(WebhookItem.Sender customer, String businessNumber) {
    }

    /** Whom an item is about, or {@code null} for updates of no customer. */
    static Party partyOf(WebhookItem item) {
        if (item instanceof WebhookItem.Inbound inbound) {
            return new Party(inbound.sender(), inbound.phoneNumberId());
        }
        if (item instanceof WebhookItem.Status status) {
            return new Party(status.recipient(), status.phoneNumberId());
        }
        if (item instanceof WebhookItem.Echo echo) {
            return new Party(echo.customer(), echo.phoneNumberId());
        }
        if (item instanceof WebhookItem.History history) {
            return new Party(history.customer(), history.phoneNumberId());
        }
        if (item instanceof WebhookItem.MarketingPreference preference) {
            return new Party(preference.sender(), preference.phoneNumberId());
        }
        return null;
    }

    private static String of(WebhookItem.Sender sender) {
        if (present(sender.waId())) {
            return "wa:" + sender.waId();
        }
        return present(sender.userId()) ? "user:" + sender.userId() : null;
    }

    /** The distinct keys of a body's items in the order they first appear ({@code null} included when present). */
    static List<String> distinct(List<WebhookItem> items) {
        Set<String> keys = new LinkedHashSet<>();
        for (WebhookItem item : items) {
            keys.add(of(item));
        }
        return new ArrayList<>(keys);
    }

    /** The partition of a key among {@code partitions}; stable across instances and restarts. */
    static int partition(String key, int partitions) {
        return key == null ? 0 : Math.floorMod(key.hashCode(), partitions);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
