package ke.co.datacare.whatsapp.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.app.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;
import java.util.stream.StreamSupport;

/** An {@link IntegrationTest} whose client is signed in as the test administrator before each test. */
public abstract class SignedInTest extends IntegrationTest {

    public static final String ADMIN_EMAIL = "admin@test.datacare.local";
    public static final String ADMIN_PASSWORD = "admin-password";

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected UserAccounts users;

    protected ServiceClient client;
    protected String token;

    @BeforeEach
    void signInAsAdministrator() {
        client = new ServiceClient(port, APP_SECRET);
        token = client.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** The conversation of the customer {@code waId} as the inbox lists it (null until it does). */
    protected String inboxConversationOf(String waId) {
        JsonNode inbox = client.getJson("/api/conversations?size=50&q=" + waId, token);
        return StreamSupport.stream(inbox.spliterator(), false)
                .filter(item -> ("+" + waId).equals(item.path("contact").path("phoneNumber").asText()))
                .map(item -> item.path("id").asText()).findFirst().orElse(null);
    }

    /** Our message {@code messageId} in the conversation's timeline (null until it is there). */
    protected JsonNode timelineMessage(String conversation, String messageId) {
        JsonNode timeline = client.getJson("/api/conversations/" + conversation + "/messages", token);
        return StreamSupport.stream(timeline.spliterator(), false)
                .filter(message -> messageId.equals(message.path("id").asText())).findFirst().orElse(null);
    }

    /** The token of a new user of that role. */
    protected String tokenOf(Role role) {
        String email = role.name().toLowerCase() + "-" + UUID.randomUUID() + "@test.datacare.local";
        users.create(email, "password-of-" + role.name().toLowerCase(), role.name(), role);
        return client.login(email, "password-of-" + role.name().toLowerCase());
    }
}
