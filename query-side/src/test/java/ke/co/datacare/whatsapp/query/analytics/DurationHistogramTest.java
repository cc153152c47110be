package ke.co.datacare.whatsapp.query.analytics;

import ke.co.datacare.whatsapp.api.query.AnalyticsOverview;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DurationHistogramTest {

    @Test
    void a_year_of_daily_histograms_gives_median_and_p90_within_one_thirty_second_of_the_exact_figures() {
        SplittableRandom random = new SplittableRandom(21);
        List<Long> all = new ArrayList<>();
        DurationHistogram year = new DurationHistogram();
        for (int day = 0; day < 365; day++) {
            DurationHistogram daily = new DurationHistogram();
            for (int answer = 0; answer < 300; answer++) {
                // waits from seconds to days, skewed like real ones: most answered quickly, a long tail
                long seconds = (long) Math.exp(random.nextDouble(0, Math.log(200_000)));
                all.add(seconds);
                daily.add(seconds);
            }
            year.addEncoded(DurationHistogram.decode(daily.encode()).encode());
        }
        Collections.sort(all);
        AnalyticsOverview.Durations durations = year.durations();

        assertThat(durations.count()).isEqualTo(all.size());
        long exactMedian = all.get((int) Math.ceil(0.5 * all.size()) - 1);
        long exactP90 = all.get((int) Math.ceil(0.9 * all.size()) - 1);
        assertThat((double) durations.medianSeconds()).isCloseTo(exactMedian, within(exactMedian / 32.0));
        assertThat((double) durations.p90Seconds()).isCloseTo(exactP90, within(exactP90 / 32.0));
    }

    @Test
    void durations_below_sixty_four_seconds_and_buckets_of_one_distinct_duration_are_exact() {
        DurationHistogram histogram = new DurationHistogram();
        List.of(5L, 7L, 63L, 600L, 600L, 600L, 3_600L, 3_600L, 86_400L, 86_400L).forEach(histogram::add);

        assertThat(histogram.durations()).isEqualTo(new AnalyticsOverview.Durations(10, 600L, 86_400L));
        DurationHistogram small = DurationHistogram.decode("");
        List.of(5L, 7L, 63L).forEach(small::add);
        assertThat(small.durations()).isEqualTo(new AnalyticsOverview.Durations(3, 7L, 63L));
    }

    @Test
    void a_bucket_spans_at_most_one_thirty_second_of_its_lower_bound() {
        for (long seconds = 0; seconds < 1_000_000; seconds += 7) {
            long bucket = DurationHistogram.bucketOf(seconds);
            assertThat(bucket).isLessThanOrEqualTo(seconds);
            assertThat(seconds - bucket).isLessThanOrEqualTo(bucket / 32);
        }
    }

    @Test
    void encoding_round_trips_and_empty_histograms_have_no_percentiles() {
        DurationHistogram histogram = new DurationHistogram();
        List.of(1L, 100L, 100L, 5_000L).forEach(histogram::add);

        assertThat(DurationHistogram.decode(histogram.encode()).encode()).isEqualTo(histogram.encode());
        assertThat(histogram.encode()).isEqualTo("1:1:1,100:2:200,4992:1:5000");
        assertThat(new DurationHistogram().durations()).isEqualTo(new AnalyticsOverview.Durations(0, null, null));
    }
}
