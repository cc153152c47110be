package ke.co.datacare.whatsapp.query.batch;

import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CopyRowsTest {

    /** The COPY text of {@code rows}, or null when they cannot be copied. */
    private static String text(List<Object[]> rows) {
        List<byte[]> pieces = CopyRows.encode(rows);
        if (pieces == null) {
            return null;
        }
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        pieces.forEach(text::writeBytes);
        return text.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void rows_are_written_in_copy_text_with_escapes_and_nulls() {
        String text = text(List.<Object[]>of(new Object[]{"a\tb\\c\nd", null, true, 42L,
                Timestamp.from(Instant.parse("2026-12-06T10:15:30Z")), LocalDate.parse("2026-12-06")}));

        assertThat(text).isEqualTo("a\\tb\\\\c\\nd\t\\N\tt\t42\t2026-12-06T10:15:30Z\t2026-12-06\n");
    }

    @Test
    void a_timestamp_beyond_the_year_9999_from_a_webhook_is_left_to_the_plain_insert_instead_of_failing_the_copy() {
        Instant farFuture = Instant.ofEpochSecond(1_000_000_000_000L);

        assertThat(text(List.<Object[]>of(new Object[]{"conversation-1", Timestamp.from(farFuture)}))).isNull();
        assertThat(text(List.<Object[]>of(new Object[]{"conversation-1", farFuture}))).isNull();
        assertThat(text(List.<Object[]>of(new Object[]{LocalDate.of(10_000, 1, 1)}))).isNull();
    }

    @Test
    void instants_are_copied_from_the_first_moment_of_the_year_1_to_the_last_of_the_year_9999() {
        Instant firstOfYear1 = Instant.parse("0001-01-01T00:00:00Z");
        Instant lastOf9999 = Instant.parse("9999-12-31T23:59:59.999999999Z");

        assertThat(text(List.<Object[]>of(new Object[]{firstOfYear1, lastOf9999})))
                .isEqualTo("0001-01-01T00:00:00Z\t9999-12-31T23:59:59.999999999Z\n");
        assertThat(text(List.<Object[]>of(new Object[]{firstOfYear1.minusNanos(1)}))).isNull();
        assertThat(text(List.<Object[]>of(new Object[]{lastOf9999.plusNanos(1)}))).isNull();
    }

    @Test
    void many_rows_are_encoded_in_pieces_that_end_with_a_row_and_together_make_every_row_once() {
        List<Object[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rows.add(new Object[]{"conversation-" + i, "caf\u00e9 \u00e0 Nairobi\t" + i, (long) i});
        }

        List<byte[]> pieces = CopyRows.encode(rows);

        assertThat(pieces).hasSizeGreaterThan(1);
        assertThat(pieces).allSatisfy(piece -> assertThat(piece[piece.length - 1]).isEqualTo((byte) '\n'));
        String[] lines = text(rows).split("\n");
        assertThat(lines).hasSize(20_000);
        assertThat(lines[19_999]).isEqualTo("conversation-19999\tcaf\u00e9 \u00e0 Nairobi\\t19999\t19999");
    }

    @Test
    void every_instant_of_the_copyable_years_is_written_as_text_that_reads_back_as_the_same_instant() {
        java.util.Random random = new java.util.Random(15);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(-62_135_596_800L + (long) (random.nextDouble() * 315_537_897_600L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            String text = text(List.<Object[]>of(new Object[]{instant}));

            assertThat(Instant.parse(text.substring(0, text.length() - 1))).as(text).isEqualTo(instant);
        }
    }
}
