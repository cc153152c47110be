package ke.co.datacare.whatsapp.app.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The interpolation ComposeConfigurationTest relies on behaves like Docker Compose's. */
class ComposeInterpolationTest {

    private static String resolve(String text, Map<String, String> variables) {
        return ComposeFile.Interpolation.resolve(text, variables);
    }

    @Test
    void a_default_after_colon_dash_replaces_an_unset_or_empty_variable() {
        assertThat(resolve("${USER:-datacare}", Map.of())).isEqualTo("datacare");
        assertThat(resolve("${USER:-datacare}", Map.of("USER", ""))).isEqualTo("datacare");
        assertThat(resolve("${USER:-datacare}", Map.of("USER", "ops"))).isEqualTo("ops");
        assertThat(resolve("${OPTS:--XX:MaxRAMPercentage=75}", Map.of())).isEqualTo("-XX:MaxRAMPercentage=75");
    }

    @Test
    void a_default_after_a_dash_alone_replaces_only_an_unset_variable() {
        assertThat(resolve("${USER-datacare}", Map.of())).isEqualTo("datacare");
        assertThat(resolve("${USER-datacare}", Map.of("USER", ""))).isEmpty();
    }

    @Test
    void plain_and_braced_references_resolve_and_double_dollars_stay_literal() {
        Map<String, String> variables = Map.of("U", "ops", "P", "pw", "DB", "wa");
        assertThat(resolve("postgresql://${U}:$P@postgres:5432/${DB:-x}", variables))
                .isEqualTo("postgresql://ops:pw@postgres:5432/wa");
        assertThat(resolve("pg_isready -U \"$$POSTGRES_USER\"", variables)).isEqualTo("pg_isready -U \"$POSTGRES_USER\"");
        assertThat(resolve("${MISSING}", variables)).isEmpty();
        assertThat(resolve("${A:-${U}}", variables)).isEqualTo("ops");
    }

    @Test
    void required_and_alternative_values_behave_like_compose() {
        assertThat(resolve("${U:+set}", Map.of("U", "x"))).isEqualTo("set");
        assertThat(resolve("${U:+set}", Map.of())).isEmpty();
        assertThatThrownBy(() -> resolve("${SECRET:?set SECRET in .env}", Map.of()))
                .hasMessageContaining("SECRET");
    }

    @Test
    void a_dot_env_file_is_read_as_key_value_lines() {
        assertThat(ComposeFile.readDotEnv(List.of("# comment", "", "A=1", "B = two ", "C=\"quoted value\"", "D='x'", "E=")))
                .containsExactly(Map.entry("A", "1"), Map.entry("B", "two"), Map.entry("C", "quoted value"),
                        Map.entry("D", "x"), Map.entry("E", ""));
    }
}
