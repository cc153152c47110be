package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantsTest {

    /** The event serializer's settings that matter here: ISO strings, not numbers (Spring Boot's default). */
    private final ObjectMapper standard = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ObjectMapper fast = IsoInstants.on(standard);

    public static class Stamped {
        public Instant at;
    }

    public record Event(String id, Instant at, List<Instant> times) {
    }

    @Test
    void the_event_serializers_mapper_reads_instants_through_the_fast_path() throws Exception {
        DefaultDeserializationContext context = ((DefaultDeserializationContext) fast.getDeserializationContext())
                .createInstance(fast.getDeserializationConfig(), null, null);
        BeanDeserializerBase bean = (BeanDeserializerBase) context.findRootValueDeserializer(
                fast.constructType(Stamped.class));
        assertThat(bean.findProperty("at").getValueDeserializer()).isInstanceOf(IsoInstants.Reader.class);
        assertThat(fast.getSerializerProviderInstance().findValueSerializer(Instant.class))
                .isInstanceOf(IsoInstants.Writer.class);
    }

    @Test
    void writes_and_reads_random_instants_as_jackson_does_from_year_0_to_beyond_9999_with_any_nanos() throws Exception {
        Random random = new Random(15);
        long from = Instant.parse("-0200-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)), nanos);
            assertRoundTrip(instant);
        }
    }

    @Test
    void writes_and_reads_the_edges_of_the_fast_form_as_jackson_does() throws Exception {
        for (String text : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z", "2024-02-29T12:00:00.000001Z", "2026-12-06T17:00:00.1Z",
                "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z", "+33658-09-27T01:46:39Z")) {
            assertRoundTrip(Instant.parse(text));
        }
    }

    @Test
    void reads_every_other_form_as_jackson_does() throws Exception {
        for (String json : List.of("\"2026-12-06T20:00:00+03:00\"", "\"2026-12-06T17:00:00.5-00:30\"",
                "\"+10000-01-01T00:00:00Z\"", "\"2026-12-06T17:00Z\"", "\" 2026-12-06T17:00:00Z \"",
                "1765040400", "1765040400.123456789", "\"1765040400123\"", "\"2026-12-06T17:00:00.1234567891Z\"")) {
            assertThat(outcome(fast, json)).as(json).isEqualTo(outcome(standard, json));
        }
        assertThat(outcome(standard, "\"2026-12-06T20:00:00+03:00\"")).isEqualTo(Instant.parse("2026-12-06T17:00:00Z"));
    }

    @Test
    void refuses_what_jackson_refuses_and_takes_what_it_takes() {
        for (String json : List.of("\"2026-02-30T17:00:00Z\"", "\"2026-13-06T17:00:00Z\"", "\"2026-12-06T24:00:00Z\"",
                "\"2026-12-06T17:60:00Z\"", "\"2026-12-06T17:00:00.Z\"", "\"2026-12-06t17:00:00Z\"",
                "\"2026-12-O6T17:00:00Z\"", "\"2025-02-29T00:00:00Z\"")) {
            assertThat(outcome(fast, json)).as(json).isEqualTo(outcome(standard, json));
        }
        assertThat(outcome(fast, "\"2025-02-29T00:00:00Z\"")).isNotInstanceOf(Instant.class);
    }

    @Test
    void leaves_instants_as_numbers_to_jackson_when_the_mapper_writes_them_so() throws Exception {
        ObjectMapper numbers = standard.copy().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Instant instant = Instant.parse("2026-12-06T17:00:00.123456789Z");
        assertThat(IsoInstants.on(numbers).writeValueAsString(instant))
                .isEqualTo(numbers.writeValueAsString(instant)).endsWith(".123456789").doesNotContain("\"");
    }

    @Test
    void an_event_with_instants_reads_back_equal_and_writes_the_same_json() throws Exception {
        Event event = new Event("e-1", Instant.parse("2026-12-06T17:00:00.120Z"),
                List.of(Instant.parse("2026-12-06T17:00:01Z"), Instant.parse("+20000-01-01T00:00:00Z")));
        String written = fast.writeValueAsString(event);
        assertThat(written).isEqualTo(standard.writeValueAsString(event));
        assertThat(fast.readValue(written, Event.class)).isEqualTo(event);
        assertThat(fast.treeToValue(fast.readTree(written), Event.class)).isEqualTo(event);
        assertThat(fast.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(written,
                Event.class)).isEqualTo(event);
    }

    /** What a mapper makes of {@code json}: the instant, or the type of its refusal. */
    private static Object outcome(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, Instant.class);
        } catch (Exception e) {
            return e.getClass();
        }
    }

    private void assertRoundTrip(Instant instant) throws Exception {
        String written = fast.writeValueAsString(instant);
        assertThat(written).as(instant.toString()).isEqualTo(standard.writeValueAsString(instant))
                .isEqualTo('"' + DateTimeFormatter.ISO_INSTANT.format(instant) + '"');
        assertThat(fast.readValue(written, Instant.class)).isEqualTo(instant)
                .isEqualTo(standard.readValue(written, Instant.class));
    }
}
