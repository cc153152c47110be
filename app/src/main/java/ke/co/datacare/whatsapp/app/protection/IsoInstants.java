package ke.co.datacare.whatsapp.app.protection;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants of the event payloads read and written without {@code DateTimeFormatter}, which took a fifth of the time
 * a rebuild spent deserializing events. Only the exact form the event serializer writes is handled here
 * ({@code 2026-12-06T17:00:00Z}, {@code ...:00.123Z}, {@code .123456Z}, {@code .123456789Z}: {@code ISO_INSTANT} for
 * the years 0 to 9999); anything else (other years, offsets, numbers, a {@code @JsonFormat}, timestamps as numbers)
 * goes to Jackson's own {@link InstantDeserializer} and {@link InstantSerializer}, so the results are theirs.
 */
final class IsoInstants {

    private IsoInstants() {
    }

    /** A copy of {@code json} that reads and writes instants through the fast path first. */
    static ObjectMapper on(ObjectMapper json) {
        return json.copy().registerModule(module());
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("iso-instants");
        module.addDeserializer(Instant.class, new Reader(InstantDeserializer.INSTANT));
        module.addSerializer(Instant.class, new Writer(InstantSerializer.INSTANCE));
        return module;
    }

    /**
     * The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} in {@code text[from, from + length)}, or null when the
     * text has any other form or names no valid time (month 13, February 30, second 60).
     */
    static Instant parse(char[] text, int from, int length) {
        if (length < 20 || length > 30 || text[from + length - 1] != 'Z' || text[from + 4] != '-'
                || text[from + 7] != '-' || text[from + 10] != 'T' || text[from + 13] != ':' || text[from + 16] != ':') {
            return null;
        }
        int year = digits(text, from, 4);
        int month = digits(text, from + 5, 2);
        int day = digits(text, from + 8, 2);
        int hour = digits(text, from + 11, 2);
        int minute = digits(text, from + 14, 2);
        int second = digits(text, from + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        int end = from + length - 1;
        int at = from + 19;
        if (at < end) {
            int fraction = end - at - 1;
            if (text[at] != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(text, at + 1, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The value of {@code count} decimal digits, or -1 if one of them is not a digit. */
    private static int digits(char[] text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /**
     * {@code instant} as {@code DateTimeFormatter.ISO_INSTANT} writes it, into {@code out} (at least 30 chars) from
     * 0; returns the length, or -1 for a year outside 0 to 9999 (written with a sign there).
     */
    static int format(Instant instant, char[] out) {
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        if (epochDay < FIRST_DAY || epochDay > LAST_DAY) {
            return -1;
        }
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        put(out, 0, date.getYear(), 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3_600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        int length = 19;
        int nanos = instant.getNano();
        if (nanos > 0) {
            out[length++] = '.';
            if (nanos % 1_000_000 == 0) {
                put(out, length, nanos / 1_000_000, 3);
                length += 3;
            } else if (nanos % 1_000 == 0) {
                put(out, length, nanos / 1_000, 6);
                length += 6;
            } else {
                put(out, length, nanos, 9);
                length += 9;
            }
        }
        out[length++] = 'Z';
        return length;
    }

    private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    private static void put(char[] out, int from, int value, int width) {
        for (int i = from + width - 1; i >= from; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Reads the fast form itself and hands everything else, as it stands, to Jackson's deserializer. */
    static final class Reader extends StdScalarDeserializer<Instant> implements ContextualDeserializer {
        private final InstantDeserializer<Instant> standard;

        Reader(InstantDeserializer<Instant> standard) {
            super(Instant.class);
            this.standard = standard;
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant fast = parse(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                if (fast != null) {
                    return fast;
                }
            }
            return standard.deserialize(parser, context);
        }

        @Override
        public Object deserializeWithType(JsonParser parser, DeserializationContext context, TypeDeserializer types)
                throws IOException {
            return standard.deserializeWithType(parser, context, types);
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            JsonDeserializer<?> contextual = standard.createContextual(context, property);
            // a property with its own format or leniency is read by Jackson alone
            return contextual == standard ? this : contextual;
        }
    }

    /** Writes the fast form itself unless instants are to be numbers; everything else goes to Jackson's serializer. */
    static final class Writer extends StdScalarSerializer<Instant> implements ContextualSerializer {
        private final InstantSerializer standard;

        Writer(InstantSerializer standard) {
            super(Instant.class);
            this.standard = standard;
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (!provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
                char[] text = new char[30];
                int length = format(value, text);
                if (length > 0) {
                    generator.writeString(text, 0, length);
                    return;
                }
            }
            standard.serialize(value, generator, provider);
        }

        @Override
        public void serializeWithType(Instant value, JsonGenerator generator, SerializerProvider provider,
                                      TypeSerializer types) throws IOException {
            standard.serializeWithType(value, generator, provider, types);
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            JsonSerializer<?> contextual = standard.createContextual(provider, property);
            return contextual == standard ? this : contextual;
        }
    }
}
