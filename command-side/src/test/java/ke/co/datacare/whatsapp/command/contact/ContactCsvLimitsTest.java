package ke.co.datacare.whatsapp.command.contact;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactCsvLimitsTest {

    @Test
    void blank_lines_count_so_a_file_of_newlines_stops_early() {
        String csv = "phone,name\n" + "\n".repeat(10_000_000);

        assertThatThrownBy(() -> ContactCsv.read(csv, 10_000)).isInstanceOf(ContactCsv.TooManyRows.class);
    }

    @Test
    void a_few_blank_lines_between_rows_are_still_fine() {
        ContactCsv.Result result = ContactCsv.read("\n\nphone,name\n+254711000001,Amina\n\n\n+254711000002,Baraka\n", 5);

        assertThat(result.valid()).hasSize(2);
    }
}
