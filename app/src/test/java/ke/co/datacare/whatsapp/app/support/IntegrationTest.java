package ke.co.datacare.whatsapp.app.support;

import ke.co.datacare.whatsapp.app.WhatsAppPlatformApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a random port, against this run's PostgreSQL database, the local Redis and a
 * stub Graph API over HTTP ({@link GraphStub}).
 * Tests share one application context and database, so each uses its own phone numbers and wamids.
 */
@SpringBootTest(classes = WhatsAppPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class IntegrationTest {

    public static final String APP_SECRET = "test-app-secret";

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.datasource.username", () -> TestDatabase.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("datacare.whatsapp.api-url", GraphStub::apiUrl);
    }
}
