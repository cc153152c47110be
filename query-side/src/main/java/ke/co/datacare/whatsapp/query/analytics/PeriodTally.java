package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.AnalyticsOverview;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The figures of one period, summed from the daily rows that fall into it. */
final class PeriodTally {

    static final int TOP_ERRORS = 5;

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
    private final List<Long> responses = new ArrayList<>();
    private final List<Long> agentResponses = new ArrayList<>();
    private final List<Long> inBusinessHours = new ArrayList<>();
    private final List<Long> outsideBusinessHours = new ArrayList<>();
    private boolean businessHoursKnown = true;
    private final List<Long> resolutions = new ArrayList<>();
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

    /** A customer's wait for our first answer; {@code inBusinessHours} null when business hours are not known. */
    void response(long waitSeconds, boolean byAgent, Boolean inBusinessHours) {
        responses.add(waitSeconds);
        if (byAgent) {
            agentResponses.add(waitSeconds);
        }
        if (inBusinessHours == null) {
            businessHoursKnown = false;
        } else {
            (inBusinessHours ? this.inBusinessHours : outsideBusinessHours).add(waitSeconds);
        }
    }

    void resolution(long seconds) {
        resolutions.add(seconds);
    }

    void episodes(long opened, long neverHandedOff) {
        episodes += opened;
        contained += neverHandedOff;
    }

    void handoffs(String reason, long count) {
        handoffReasons.merge(reason, count, Long::sum);
    }

    AnalyticsOverview.Period toPeriod() {
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
                new AnalyticsOverview.Conversations(durations(responses),
                        businessHoursKnown ? durations(inBusinessHours) : null,
                        businessHoursKnown ? durations(outsideBusinessHours) : null, durations(agentResponses),
                        durations(resolutions), episodes, contained, rate(contained, episodes),
                        Collections.unmodifiableMap(handoffReasons)));
    }

    /** Count, median and 90th percentile by the nearest-rank method. */
    static AnalyticsOverview.Durations durations(List<Long> seconds) {
        if (seconds.isEmpty()) {
            return new AnalyticsOverview.Durations(0, null, null);
        }
        List<Long> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        return new AnalyticsOverview.Durations(sorted.size(), nearestRank(sorted, 0.5), nearestRank(sorted, 0.9));
    }

    private static long nearestRank(List<Long> sorted, double percentile) {
        int rank = (int) Math.ceil(percentile * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
