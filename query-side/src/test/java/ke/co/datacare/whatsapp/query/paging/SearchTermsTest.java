package ke.co.datacare.whatsapp.query.paging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTermsTest {

    @Test
    void a_number_typed_with_its_country_code_plus_or_leading_zero_is_the_start_of_a_number() {
        assertThat(SearchTerms.of("254756").numberPattern()).isEqualTo("254756%");
        assertThat(SearchTerms.of("+254 756").numberPattern()).isEqualTo("254756%");
        assertThat(SearchTerms.of("0756").numberPattern()).isEqualTo("254756%");
        assertThat(SearchTerms.of("+1 415").numberPattern()).isEqualTo("1415%");
    }

    @Test
    void the_start_of_a_number_is_searched_as_its_digits_and_bare_digits_have_no_start() {
        assertThat(SearchTerms.of("+254 756").numberPrefix()).isEqualTo("254756");
        assertThat(SearchTerms.of("0756").numberPrefix()).isEqualTo("254756");
        assertThat(SearchTerms.of("345678").numberPrefix()).isNull();
        assertThat(SearchTerms.of("Wanjiku").numberPrefix()).isNull();
    }

    @Test
    void bare_digits_are_found_anywhere_in_a_number_and_words_are_no_number() {
        assertThat(SearchTerms.of("345678").numberPattern()).isEqualTo("%345678%");
        assertThat(SearchTerms.of("12").numberPattern()).isNull();
        assertThat(SearchTerms.of("Wanjiku").numberPattern()).isNull();
    }

    @Test
    void the_end_of_a_prefix_range_is_the_prefix_with_its_last_character_one_higher() {
        assertThat(SearchTerms.prefixEnd("nyambu")).isEqualTo("nyambv");
        assertThat(SearchTerms.prefixEnd("jos\u00e9")).isEqualTo("jos\u00ea");
        assertThat(SearchTerms.prefixEnd("a\ud83d\ude00")).isEqualTo("a\ud83d\ude01");
        assertThat(SearchTerms.prefixEnd("a\ud7ff")).isEqualTo("a\ue000");
        assertThat(SearchTerms.prefixEnd("a" + new String(Character.toChars(Character.MAX_CODE_POINT)))).isNull();
        assertThat(SearchTerms.prefixEnd("")).isNull();
    }
}
