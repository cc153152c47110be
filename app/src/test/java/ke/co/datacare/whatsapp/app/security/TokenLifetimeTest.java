package ke.co.datacare.whatsapp.app.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenLifetimeTest {

    @ParameterizedTest
    @CsvSource({"7d,PT168H", "12h,PT12H", "30m,PT30M", "3600,PT1H", "2w,PT336H"})
    void jwt_expires_in_is_read_like_the_original_designs_setting(String text, Duration expected) {
        assertThat(TokenLifetime.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"seven days", "-1d", "1y"})
    void an_unreadable_lifetime_is_refused(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> TokenLifetime.parse(text));
    }
}
