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

    /**
     * @param tokenVersion           raised when the user is disabled or changes password: older tokens stop working
     * @param passwordChangeRequired the password was generated: every API but changing it answers 403 until then
     */
    public record UserAccount(String id, String email, String passwordHash, String displayName, Role role,
                              boolean enabled, boolean available, int tokenVersion, boolean passwordChangeRequired) {
    }

    private static final RowMapper<UserAccount> ACCOUNT = (rs, i) -> new UserAccount(rs.getString("id"),
            rs.getString("email"), rs.getString("password_hash"), rs.getString("display_name"),
            Role.valueOf(rs.getString("role")), rs.getBoolean("enabled"), rs.getBoolean("available"),
            rs.getInt("token_version"), rs.getBoolean("password_change_required"));

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
        jdbc.update("update app_user set enabled = ?, token_version = token_version + 1 where id = ?", enabled, id);
        return byId(id);
    }

    public void changePassword(String id, String rawPassword) {
        jdbc.update("update app_user set password_hash = ?, token_version = token_version + 1, "
                + "password_change_required = false where id = ?", passwords.encode(rawPassword), id);
    }

    public List<UserAccount> all() {
        return jdbc.query("select * from app_user order by email", ACCOUNT);
    }

    public long count() {
        Long count = jdbc.queryForObject("select count(*) from app_user", Long.class);
        return count == null ? 0 : count;
    }

    public UserAccount create(String email, String rawPassword, String displayName, Role role) {
        return create(email, rawPassword, displayName, role, false);
    }

    public UserAccount create(String email, String rawPassword, String displayName, Role role,
                              boolean passwordChangeRequired) {
        UserAccount account = new UserAccount(UUID.randomUUID().toString(), normalize(email),
                passwords.encode(rawPassword), displayName, role, true, false, 0, passwordChangeRequired);
        jdbc.update("insert into app_user (id, email, password_hash, display_name, role, enabled, available, created_at, "
                        + "password_change_required) values (?, ?, ?, ?, ?, true, false, ?, ?)", account.id(),
                account.email(), account.passwordHash(), account.displayName(), role.name(),
                Timestamp.from(clock.instant()), passwordChangeRequired);
        return account;
    }

    public boolean passwordMatches(UserAccount account, String rawPassword) {
        return Passwords.fitsBcrypt(rawPassword) && passwords.matches(rawPassword, account.passwordHash());
    }

    /**
     * Checks a login: the enabled account of that email whose password matches. An unknown email costs a bcrypt
     * comparison as well, so the answer's timing does not tell which emails exist.
     */
    public Optional<UserAccount> authenticate(String email, String rawPassword) {
        Optional<UserAccount> account = byEmail(email);
        boolean usable = Passwords.fitsBcrypt(rawPassword);
        boolean matches = passwords.matches(usable ? rawPassword : "", account.map(UserAccount::passwordHash)
                .orElse(UNKNOWN_USER_HASH));
        return account.filter(UserAccount::enabled).filter(found -> usable && matches);
    }

    /** A bcrypt hash of a random password nobody knows, compared against when the email is unknown. */
    private static final String UNKNOWN_USER_HASH = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder()
            .encode(UUID.randomUUID().toString());

    private static String normalize(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
