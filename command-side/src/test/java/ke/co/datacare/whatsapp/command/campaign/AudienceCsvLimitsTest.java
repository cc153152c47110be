package ke.co.datacare.whatsapp.command.campaign;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AudienceCsvLimitsTest {

    @Test
    void every_line_counts_so_ten_million_newlines_are_refused_after_the_cap() {
        String csv = "phone\n" + "\n".repeat(10_000_000);

        assertThatThrownBy(() -> AudienceCsv.read(new BufferedReader(new StringReader(csv)), 1000))
                .isInstanceOf(AudienceCsv.TooManyLines.class);
    }

    @Test
    void an_upload_past_its_byte_cap_fails_while_it_is_read() {
        byte[] body = ("phone\n" + "+254711000001\n".repeat(1000)).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> AudienceCsv.read(new BufferedReader(new InputStreamReader(
                new CappedBody(new ByteArrayInputStream(body), 1024), StandardCharsets.UTF_8)), Integer.MAX_VALUE))
                .isInstanceOf(CappedBody.TooLarge.class);
    }

    @Test
    void numbers_within_the_caps_are_read_with_their_line_numbers() throws Exception {
        AudienceCsv.Result result = AudienceCsv.read(new BufferedReader(new StringReader(
                "phone\n+254711000001\n\nnot-a-number\n")), 10);

        assertThat(result.phoneNumbers()).containsExactly("254711000001");
        assertThat(result.rejected()).singleElement().satisfies(rejected -> assertThat(rejected.line()).isEqualTo(4));
    }
}
