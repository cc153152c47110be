package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.AnalyticsOverview;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The figures of one period, summed from the daily rows that fall into it. */
final class PeriodTally {

    static final int TOP_ERRORS = 5;
    private static final AnalyticsOverview.Durations NONE = new AnalyticsOverview.Durations(0, null, null);

    private final LocalDate start;
    private final LocalDate end;
    private final Map<String, Long> inbound = new TreeMap<>();
    private long active;
    private long newContacts;
    private long messages;
    private long sent;
    private long delivered;
    private long read;
    private long failed;
    private final Map<Integer, AnalyticsOverview.ErrorCount> errors = new HashMap<>();
    /** The period's duration series ({@link PeriodDurations}) by name, as stored. */
    private final Map<String, AnalyticsOverview.Durations> durations = new HashMap<>();
    private long episodes;
    private long contained;
    private final Map<String, Long> handoffReasons = new TreeMap<>();

    PeriodTally(LocalDate start, LocalDate end) {
        this.start = start;
        this.end = end;
    }

    void inbound(String type, long count) {
        inbound.merge(type, count, Long::sum);
    }

    void contacts(long activeContacts, long newOnes) {
        active = activeContacts;
        newContacts = newOnes;
    }

    void outbound(long messages, long sent, long delivered, long read, long failed) {
        this.messages += messages;
        this.sent += sent;
        this.delivered += delivered;
        this.read += read;
        this.failed += failed;
    }

    void error(int code, String title, long failures) {
        errors.merge(code, new AnalyticsOverview.ErrorCount(code, title, failures), (known, more) ->
                new AnalyticsOverview.ErrorCount(code, more.title() != null ? more.title() : known.title(),
                        known.failures() + more.failures()));
    }

    /** One of the period's duration series ({@link PeriodDurations}): its count, median and 90th percentile. */
    void durations(String series, AnalyticsOverview.Durations figures) {
        durations.put(series, figures);
    }

    void episodes(long opened, long neverHandedOff) {
        episodes += opened;
        contained += neverHandedOff;
    }

    void handoffs(String reason, long count) {
        handoffReasons.merge(reason, count, Long::sum);
    }

    AnalyticsOverview.Period toPeriod() {
        boolean businessHoursKnown = series(PeriodDurations.UNKNOWN_HOURS).count() == 0;
        long inboundTotal = inbound.values().stream().mapToLong(Long::longValue).sum();
        List<AnalyticsOverview.ErrorCount> topErrors = errors.values().stream()
                .sorted(Comparator.comparingLong(AnalyticsOverview.ErrorCount::failures).reversed()
                        .thenComparingInt(AnalyticsOverview.ErrorCount::code))
                .limit(TOP_ERRORS).toList();
        return new AnalyticsOverview.Period(start, end, new AnalyticsOverview.Inbound(inboundTotal, Map.copyOf(inbound)),
                new AnalyticsOverview.Contacts(active, newContacts, active - newContacts),
                new AnalyticsOverview.Outbound(messages, sent, delivered, read, failed, rate(delivered, messages),
                        rate(read, delivered), rate(failed, messages)),
                topErrors,
                new AnalyticsOverview.Conversations(series(PeriodDurations.RESPONSES),
                        businessHoursKnown ? series(PeriodDurations.IN_HOURS) : null,
                        businessHoursKnown ? series(PeriodDurations.OUTSIDE_HOURS) : null,
                        series(PeriodDurations.AGENT_RESPONSES), series(PeriodDurations.RESOLUTIONS), episodes,
                        contained, rate(contained, episodes),
                        Collections.unmodifiableMap(handoffReasons)));
    }

    private AnalyticsOverview.Durations series(String name) {
        return durations.getOrDefault(name, NONE);
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
