package ke.co.datacare.whatsapp.app.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.info.Info;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ModeInfoTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:postgresql://db.internal:5432/datacare?user=datacare&password=hunter2-secret",
            "jdbc:mysql://datacare:hunter2-secret@db.internal:3306/datacare",
            "jdbc:sqlserver://db.internal:1433;databaseName=datacare;user=sa;password=hunter2-secret",
            "jdbc:oracle:thin:datacare/hunter2-secret@db.internal:1521/XE",
            "jdbc:h2:file:./data/datacare;USER=sa;PASSWORD=hunter2-secret"})
    void actuator_info_never_shows_a_database_url_or_its_credentials(String url) {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", url)
                .withProperty("spring.datasource.password", "hunter2-secret");
        Info.Builder info = new Info.Builder();

        new ModeInfo(environment).contribute(info);

        assertThat(info.build().getDetails().toString()).doesNotContain("hunter2-secret").doesNotContain("db.internal");
    }
}
