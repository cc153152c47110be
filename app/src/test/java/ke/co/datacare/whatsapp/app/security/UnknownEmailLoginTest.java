package ke.co.datacare.whatsapp.app.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A login's cost does not tell which emails exist: an unknown email is compared with bcrypt like a wrong password. */
class UnknownEmailLoginTest {

    /** Bcrypt, counting the hashes it compares against. */
    private static final class CountingBcrypt implements PasswordEncoder {
        private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        private final List<String> comparedWith = new ArrayList<>();

        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String hash) {
            comparedWith.add(hash);
            return bcrypt.matches(raw, hash);
        }
    }

    private final CountingBcrypt bcrypt = new CountingBcrypt();
    private UserAccounts users;

    @BeforeEach
    void users_table_as_the_migrations_create_it() {
        DriverManagerDataSource database = new DriverManagerDataSource("jdbc:h2:mem:users-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/V4__users.sql"),
                new ClassPathResource("db/migration/V81__user_token_version.sql")).execute(database);
        users = new UserAccounts(new JdbcTemplate(database), bcrypt, Clock.systemUTC());
        users.create("wanjiku@datacare.local", "the-right-password", "Wanjiku", Role.AGENT);
    }

    @Test
    void login_with_an_unknown_email_runs_bcrypt_as_a_wrong_password_does() {
        assertThat(users.authenticate("wanjiku@datacare.local", "a-wrong-password")).isEmpty();
        List<String> forWrongPassword = List.copyOf(bcrypt.comparedWith);
        bcrypt.comparedWith.clear();

        assertThat(users.authenticate("nobody@datacare.local", "a-wrong-password")).isEmpty();

        assertThat(forWrongPassword).hasSize(1);
        assertThat(bcrypt.comparedWith).singleElement().satisfies(hash -> assertThat(hash).startsWith("$2a$"));
    }
}
