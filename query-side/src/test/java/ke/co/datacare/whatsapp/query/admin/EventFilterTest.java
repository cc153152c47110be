package ke.co.datacare.whatsapp.query.admin;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventFilterTest {

    @Test
    void bounds_are_written_like_the_stored_timestamps_so_that_they_compare_as_strings() {
        assertThat(EventFilter.storeFormat(Instant.parse("2026-11-25T10:00:00Z"))).isEqualTo("2026-11-25T10:00:00.000Z");
        assertThat(EventFilter.storeFormat(Instant.parse("2026-11-25T10:00:00.25Z"))).isEqualTo("2026-11-25T10:00:00.250Z");
    }

    @Test
    void a_bound_finer_than_a_millisecond_rounds_up_as_stored_timestamps_have_only_milliseconds() {
        assertThat(EventFilter.storeFormat(Instant.parse("2026-11-25T10:00:00.000500Z")))
                .isEqualTo("2026-11-25T10:00:00.001Z");
    }

    @Test
    void without_criteria_every_event_is_exported_in_global_order() {
        List<Object> args = new ArrayList<>();

        assertThat(new EventFilter(null, null, null, null).sql(args)).endsWith("from domain_event_entry order by global_index");
        assertThat(args).isEmpty();
    }

    @Test
    void a_type_matches_the_full_class_name_or_the_simple_name_after_the_last_dot() {
        List<Object> args = new ArrayList<>();

        String sql = new EventFilter(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"),
                "Text_Message%", "c-1").sql(args);

        assertThat(sql).contains("time_stamp >= ?", "time_stamp < ?", "aggregate_identifier = ?",
                "(payload_type = ? or payload_type like ? escape '!')");
        assertThat(args).containsExactly("2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z", "c-1",
                "Text_Message%", "%.Text!_Message!%");
    }
}
