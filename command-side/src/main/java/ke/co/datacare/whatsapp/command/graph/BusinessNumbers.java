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

    /**
     * One of our numbers: where it comes from, its display number (configured or listed; null while unknown), its
     * throughput, and what Meta last listed about it (null if nothing).
     */
    public record Number(String id, boolean isDefault, boolean configured, String displayPhoneNumber,
                         Throughput throughput, Listed listed) {

        public int messagesPerSecond() {
            return throughput.messagesPerSecond();
        }
    }

    /** Where a number's throughput comes from, the first that applies winning. */
    public enum ThroughputSource {
        /** its own rate, {@code datacare.whatsapp.numbers.messages-per-second.<id>} */
        CONFIGURED_RATE,
        /** the level Meta lists for it on the business account (discovery) */
        META_LISTED,
        /** the level Meta announced for its display number in a {@code phone_number_quality_update} webhook */
        META_ANNOUNCED,
        /** its configured level, {@code datacare.whatsapp.numbers.throughput-levels.<id>} */
        CONFIGURED_LEVEL,
        /** {@code datacare.whatsapp.messages-per-second} */
        DEFAULT
    }

    /** A number's throughput: its rate, Meta's level behind it (null for a rate set directly), and its source. */
    public record Throughput(int messagesPerSecond, String level, ThroughputSource source) {
    }

    /**
     * What Meta's webhooks last announced about numbers' throughput: the level by display number (digits only).
     * Meta names numbers by their display number there, so a number's announcement is found through its display
     * number: configured ({@code datacare.whatsapp.numbers.display-phone-numbers}) or listed by Meta.
     */
    @FunctionalInterface
    public interface ThroughputAnnouncements {
        Map<String, String> levelsByDisplayNumber();
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
    private final Map<String, String> configuredLevels;
    private final Map<String, String> configuredDisplay;
    private volatile Map<String, Listed> listed = Map.of();
    private volatile ThroughputAnnouncements announcements = Map::of;
    private volatile Map<String, String> learntDisplay = Map.of();

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
        this.configuredLevels = numbers.throughputLevels();
        this.configuredDisplay = numbers.displayPhoneNumbers();
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
     * Meta's throughput for the number ({@code null} or {@link #UNKNOWN}: the default number); see
     * {@link #throughput(String)}.
     */
    public int messagesPerSecond(String phoneNumberId) {
        return throughput(phoneNumberId).messagesPerSecond();
    }

    /**
     * The number's throughput, from the first that applies: its own rate
     * ({@code datacare.whatsapp.numbers.messages-per-second.<id>}), the throughput level Meta lists for it
     * (discovery), the level Meta announced for its display number in a webhook, its configured level
     * ({@code datacare.whatsapp.numbers.throughput-levels.<id>}), else {@code datacare.whatsapp.messages-per-second}.
     * Levels become rates by {@link #THROUGHPUT_LEVELS}.
     */
    public Throughput throughput(String phoneNumberId) {
        String number = from(phoneNumberId);
        if (number == null) {
            return new Throughput(defaultRate, null, ThroughputSource.DEFAULT);
        }
        Integer own = rates.get(number);
        if (own != null) {
            return new Throughput(own, null, ThroughputSource.CONFIGURED_RATE);
        }
        Listed meta = listed.get(number);
        if (meta != null && isLevel(meta.throughput())) {
            return level(meta.throughput(), ThroughputSource.META_LISTED);
        }
        String display = displayPhoneNumber(number);
        String announced = display == null ? null : announcements.levelsByDisplayNumber().get(digits(display));
        if (isLevel(announced)) {
            return level(announced, ThroughputSource.META_ANNOUNCED);
        }
        String configuredLevel = configuredLevels.get(number);
        if (configuredLevel != null) {
            return level(configuredLevel, ThroughputSource.CONFIGURED_LEVEL);
        }
        return new Throughput(defaultRate, null, ThroughputSource.DEFAULT);
    }

    /** Whether Meta has this throughput level ({@link #THROUGHPUT_LEVELS}; null is none). */
    public static boolean isLevel(String level) {
        return level != null && THROUGHPUT_LEVELS.containsKey(level);
    }

    private static Throughput level(String level, ThroughputSource source) {
        return new Throughput(THROUGHPUT_LEVELS.get(level), level, source);
    }

    /** The number's display number: as Meta lists it, else as configured; null while unknown. */
    public String displayPhoneNumber(String phoneNumberId) {
        Listed meta = listed.get(phoneNumberId);
        if (meta != null && meta.displayPhoneNumber() != null && !meta.displayPhoneNumber().isBlank()) {
            return meta.displayPhoneNumber();
        }
        String configuredNumber = configuredDisplay.get(phoneNumberId);
        return configuredNumber != null ? configuredNumber : learntDisplay.get(phoneNumberId);
    }

    /**
     * Display numbers known from elsewhere than configuration or Meta's listing (the sandbox, which gives its numbers
     * theirs), by number id; a configured or listed display number wins over them.
     */
    public void learnDisplayPhoneNumbers(Map<String, String> displayById) {
        learntDisplay = Map.copyOf(displayById);
    }

    /** Where Meta's webhook announcements of throughput levels are read from (the command-side lookup). */
    public void announcedBy(ThroughputAnnouncements announcements) {
        this.announcements = announcements;
    }

    /** A phone number as Meta's webhooks write it: digits only. */
    public static String digits(String phoneNumber) {
        return phoneNumber == null ? "" : phoneNumber.replaceAll("\\D", "");
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
            all.add(new Number(id, id.equals(defaultNumber), configured.contains(id), displayPhoneNumber(id),
                    throughput(id), known.get(id)));
        }
        return all;
    }
}
