package ke.co.datacare.whatsapp.command.graph;

import ke.co.datacare.whatsapp.api.common.DomainException;
import ke.co.datacare.whatsapp.api.common.ErrorCode;
import ke.co.datacare.whatsapp.api.conversation.outbound.FieldViolation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Our business numbers: the default one ({@code datacare.whatsapp.phone-number-id}, which API sends to a phone number
 * and campaigns without a number use), the further ones configured ({@code datacare.whatsapp.numbers.ids}), and the
 * ones Meta lists on the business account when discovery is on. A message goes from the number its conversation
 * belongs to; a number that is none of these is refused before any call to Meta.
 */
public class BusinessNumbers {

    /**
     * The number recorded for a conversation whose webhook named none (conversations started before numbers were
     * recorded) or opened when no default number was configured: its messages go from the default number.
     */
    public static final String UNKNOWN = "unknown";

    /** What Meta lists about a number of the business account ({@code GET /{waba-id}/phone_numbers}). */
    public record Listed(String id, String displayPhoneNumber, String verifiedName, String qualityRating,
                         String status, String throughput) {
    }

    /** One of our numbers: where it comes from, its rate, and what Meta last listed about it (null if nothing). */
    public record Number(String id, boolean isDefault, boolean configured, int messagesPerSecond, Listed listed) {
    }

    /**
     * Messages per second of Meta's throughput levels ({@code throughput.level} of a listed number; Meta's
     * "Throughput" page, updated May 2026: 80 by default, 1,000 after the automatic upgrade). A number shared with the
     * WhatsApp Business app is held at 20 by Meta whatever it lists: configure its own rate.
     */
    public static final Map<String, Integer> THROUGHPUT_LEVELS = Map.of("STANDARD", 80, "HIGH", 1_000);

    private final String defaultNumber;
    private final Set<String> configured;
    private final List<String> order;
    private final Map<String, Integer> rates;
    private final int defaultRate;
    private volatile Map<String, Listed> listed = Map.of();

    public BusinessNumbers(GraphApiProperties graph, BusinessNumberProperties numbers) {
        this.defaultNumber = graph.phoneNumberId() == null || graph.phoneNumberId().isBlank() ? null
                : graph.phoneNumberId().trim();
        Set<String> ids = new LinkedHashSet<>();
        if (defaultNumber != null) {
            ids.add(defaultNumber);
        }
        ids.addAll(numbers.ids());
        this.configured = Set.copyOf(ids);
        this.rates = numbers.messagesPerSecond();
        this.defaultRate = graph.messagesPerSecond();
        this.order = List.copyOf(ids);
    }

    /** The default number, or null when none is configured. */
    public String defaultNumber() {
        return defaultNumber;
    }

    /**
     * The number a message goes from: the conversation's; none recorded (events older than numbers) or
     * {@link #UNKNOWN} means the default.
     */
    public String from(String phoneNumberId) {
        return phoneNumberId == null || UNKNOWN.equals(phoneNumberId) ? defaultNumber : phoneNumberId;
    }

    /**
     * The number a client chose (blank: the default number); one that is not ours is refused with
     * {@link ErrorCode#UNKNOWN_BUSINESS_NUMBER}.
     */
    public String chosen(String phoneNumberId) {
        return chosen(phoneNumberId, "phoneNumberId");
    }

    /** Like {@link #chosen(String)}; the refusal names the request's {@code field} (in {@code errors[]}). */
    public String chosen(String phoneNumberId, String field) {
        String number = phoneNumberId == null || phoneNumberId.isBlank() ? defaultNumber : phoneNumberId.trim();
        if (!knows(number)) {
            String reason = number == null
                    ? "No number was chosen and no default number is configured (WHATSAPP_PHONE_NUMBER_ID)"
                    : "Business number " + number + " is not one of ours; GET /api/numbers lists them";
            throw new DomainException(ErrorCode.UNKNOWN_BUSINESS_NUMBER, reason,
                    Map.of("errors", List.of(new FieldViolation(field, reason))));
        }
        return number;
    }

    public boolean knows(String phoneNumberId) {
        return phoneNumberId != null && (configured.contains(phoneNumberId) || listed.containsKey(phoneNumberId));
    }

    /**
     * Meta's throughput for the number ({@code null} or {@link #UNKNOWN}: the default number): its own setting
     * ({@code datacare.whatsapp.numbers.messages-per-second.<id>}), else the throughput level Meta lists for it
     * ({@link #THROUGHPUT_LEVELS}), else {@code datacare.whatsapp.messages-per-second}.
     */
    public int messagesPerSecond(String phoneNumberId) {
        String number = from(phoneNumberId);
        if (number == null) {
            return defaultRate;
        }
        Integer own = rates.get(number);
        if (own != null) {
            return own;
        }
        Listed meta = listed.get(number);
        Integer level = meta == null || meta.throughput() == null ? null : THROUGHPUT_LEVELS.get(meta.throughput());
        return level == null ? defaultRate : level;
    }

    /** Replaces what Meta lists on the business account (discovery). */
    public void listedByMeta(List<Listed> numbers) {
        Map<String, Listed> byId = new LinkedHashMap<>();
        numbers.forEach(number -> byId.put(number.id(), number));
        listed = Collections.unmodifiableMap(byId);
    }

    /** Every number, the default first, then the configured ones, then those only Meta lists. */
    public List<Number> all() {
        Map<String, Listed> known = listed;
        Set<String> ids = new LinkedHashSet<>(order);
        ids.addAll(known.keySet());
        List<Number> all = new ArrayList<>(ids.size());
        for (String id : ids) {
            all.add(new Number(id, id.equals(defaultNumber), configured.contains(id), messagesPerSecond(id),
                    known.get(id)));
        }
        return all;
    }
}
