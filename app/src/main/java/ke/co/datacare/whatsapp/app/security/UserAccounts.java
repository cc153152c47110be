package ke.co.datacare.whatsapp.app.security;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The users of the REST API, with bcrypt password hashes. */
@Repository
public class UserAccounts {

    public record UserAccount(String id, String email, String passwordHash, String displayName, Role role,
                              boolean enabled, boolean available) {
    }

    private static final RowMapper<UserAccount> ACCOUNT = (rs, i) -> new UserAccount(rs.getString("id"),
            rs.getString("email"), rs.getString("password_hash"), rs.getString("display_name"),
            Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"), rs.getBoolean("available"));

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords;
    private final Clock clock;

    UserAccounts(JdbcTemplate jdbc, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.clock = clock;
    }

    public Optional<UserAccount> byEmail(String email) {
        return jdbc.query("select * from app_user where email = ?", ACCOUNT,
                normalize(email)).stream().findFirst();
    }

    public Optional<UserAccount> byId(String id) {
        return jdbc.query("select * from app_user where id = ?", ACCOUNT,
                id).stream().findFirst();
    }

    public Optional<UserAccount> setEnabled(String id, boolean enabled) {
        jdbc.update("update app_user set enabled = ? where id = ?", enabled, id);
        return byId(id);
    }

    public void changePassword(String id, String rawPassword) {
        jdbc.update("update app_user set password_hash = ? where id = ?", passwords.encode(rawPassword), id);
    }

    public List<UserAccount> all() {
        return jdbc.query("select * from app_user order by email", ACCOUNT);
    }

    public long count() {
        Long count = jdbc.queryForObject("select count(*) from app_user", Long.class);
        return count == null ? 0 : count;
    }

    public UserAccount create(String email, String rawPassword, String displayName, Role role) {
        UserAccount account = new UserAccount(UUID.randomUUID().toString(), normalize(email),
                passwords.encode(rawPassword), displayName, role, true, false);
        jdbc.update("insert into app_user (id, email, password_hash, display_name, role, enabled, available, created_at) "
                        + "values (?, ?, ?, ?, ?, true, false, ?)", account.id(), account.email(), account.passwordHash(),
                account.displayName(), role.name(), Timestamp.from(clock.instant()));
        return account;
    }

    public boolean passwordMatches(UserAccount account, String rawPassword) {
        return passwords.matches(rawPassword, account.passwordHash());
    }

    private static String normalize(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
