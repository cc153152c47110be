package ke.co.datacare.whatsapp.app.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** An {@link IntegrationTest} whose client is signed in as the test administrator before each test. */
public abstract class SignedInTest extends IntegrationTest {

    public static final String ADMIN_EMAIL = "admin@test.datacare.local";
    public static final String ADMIN_PASSWORD = "admin-password";

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;

    protected ServiceClient client;
    protected String token;

    @BeforeEach
    void signInAsAdministrator() {
        client = new ServiceClient(port, APP_SECRET);
        token = client.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }
}
