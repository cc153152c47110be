package ke.co.datacare.whatsapp.command.contact;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactCsvTest {

    @Test
    void a_row_gives_its_phone_number_as_wa_id_its_name_tags_and_other_columns_as_attributes() {
        ContactCsv.Result result = ContactCsv.read("Phone,Name,tags,city,firstName\n"
                + "+254 712-345 678,Amina Njeri,VIP;lead|paid,Nairobi,Amina\n", 10);

        assertThat(result.rows()).isEqualTo(1);
        assertThat(result.rejected()).isEmpty();
        ContactCsv.Row row = result.valid().get(0);
        assertThat(row.row()).isEqualTo(2);
        assertThat(row.waId()).isEqualTo("254712345678");
        assertThat(row.name()).isEqualTo("Amina Njeri");
        assertThat(row.tags()).containsExactly("VIP", "lead", "paid");
        assertThat(row.attributes()).containsExactly(Map.entry("city", "Nairobi"), Map.entry("firstName", "Amina"));
    }

    @Test
    void quoted_cells_may_hold_separators_quotes_and_line_breaks() {
        ContactCsv.Result result = ContactCsv.read("phone,note\n254700000001,\"says \"\"hi\"\", then\nleaves\"\n"
                + "254700000002,plain\n", 10);

        assertThat(result.valid()).extracting(ContactCsv.Row::attributes).containsExactly(
                Map.of("note", "says \"hi\", then\nleaves"), Map.of("note", "plain"));
    }

    @Test
    void semicolon_separated_files_are_read_too() {
        ContactCsv.Result result = ContactCsv.read("phone;name;tags\n254700000003;Otieno;\"a;b\"\n", 10);

        assertThat(result.valid().get(0).name()).isEqualTo("Otieno");
        assertThat(result.valid().get(0).tags()).containsExactly("a", "b");
    }

    @Test
    void bad_phone_numbers_duplicates_bad_tags_and_long_values_are_rejected_with_their_row_and_blank_rows_skipped() {
        ContactCsv.Result result = ContactCsv.read("phone,tags,note\n"
                + "254700000010,ok,\n"
                + "not-a-number,,\n"
                + "\n"
                + "+254700000010,,\n"
                + "254700000011,bad/tag,\n"
                + "254700000012,," + "x".repeat(501) + "\n"
                + ",vip,\n", 10);

        assertThat(result.rows()).isEqualTo(6);
        assertThat(result.valid()).extracting(ContactCsv.Row::waId).containsExactly("254700000010");
        assertThat(result.rejected()).extracting(ContactCsv.RejectedRow::row, ContactCsv.RejectedRow::code).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, ContactCsv.INVALID_PHONE),
                org.assertj.core.groups.Tuple.tuple(5, ContactCsv.DUPLICATE_PHONE),
                org.assertj.core.groups.Tuple.tuple(6, ContactCsv.INVALID_TAG),
                org.assertj.core.groups.Tuple.tuple(7, ContactCsv.INVALID_ATTRIBUTE),
                org.assertj.core.groups.Tuple.tuple(8, ContactCsv.INVALID_PHONE));
        assertThat(result.rejected().get(1).reason()).isEqualTo("the same phone number as row 2");
    }

    @Test
    void a_file_without_a_phone_column_or_with_a_bad_column_name_is_not_a_contacts_file() {
        assertThatThrownBy(() -> ContactCsv.read("name,city\nAmina,Nairobi\n", 10))
                .isInstanceOf(ContactCsv.NotAContactsFile.class).hasMessageContaining("'phone'");
        assertThatThrownBy(() -> ContactCsv.read("phone,first name\n254700000001,Amina\n", 10))
                .isInstanceOf(ContactCsv.NotAContactsFile.class).hasMessageContaining("'first name'");
        assertThatThrownBy(() -> ContactCsv.read("", 10)).isInstanceOf(ContactCsv.NotAContactsFile.class);
        assertThatThrownBy(() -> ContactCsv.read("phone,note\n254700000001,\"unterminated\n", 10))
                .isInstanceOf(ContactCsv.NotAContactsFile.class);
    }

    @Test
    void a_file_with_more_rows_than_allowed_is_refused_whole() {
        String rows = String.join("\n", List.of("254700000001", "254700000002", "254700000003"));

        assertThatThrownBy(() -> ContactCsv.read("phone\n" + rows + "\n", 2)).isInstanceOf(ContactCsv.TooManyRows.class);
        assertThat(ContactCsv.read("phone\n" + rows + "\n", 3).valid()).hasSize(3);
    }
}
