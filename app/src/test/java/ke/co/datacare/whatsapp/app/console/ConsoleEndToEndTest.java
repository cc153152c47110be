package ke.co.datacare.whatsapp.app.console;

import ke.co.datacare.whatsapp.app.WhatsAppPlatformApplication;
import ke.co.datacare.whatsapp.app.support.ZeroSetup;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent console in a real browser (Debian's Chromium, driven by playwright-core from web/e2e) against the
 * service in zero-setup mode: embedded database, in-process fallbacks and the Graph API sandbox. The browser
 * run signs in, watches a customer's message arrive live, replies and sees the ticks reach read, resolves,
 * meets a closed window with a template, runs a campaign of three contacts, and saves screenshots of the main
 * screens to docs/screenshots.
 */
@SpringBootTest(classes = WhatsAppPlatformApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"datacare.security.admin-password=console-e2e-admin", "spring.main.banner-mode=off",
                "datacare.rate-limit.max-requests=100000"})
class ConsoleEndToEndTest {

    private static final Path WEB = Path.of("..", "web").toAbsolutePath().normalize();
    private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots").toAbsolutePath().normalize();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void zeroSetupOnAFreePort(DynamicPropertyRegistry registry) throws Exception {
        ZeroSetup.onAFreePort(registry, "datacare-console-e2e");
    }

    @Test
    void an_agent_works_the_inbox_a_conversation_and_a_campaign_in_the_browser() throws Exception {
        assertThat(Path.of(System.getProperty("console.chromium", "/usr/bin/chromium")))
                .as("Chromium for the browser test (apt-get install -y chromium)").exists();
        assertThat(WEB.resolve("node_modules/playwright-core")).as("the console's npm ci has run").exists();

        ProcessBuilder node = new ProcessBuilder("node", "e2e/console.e2e.mjs").directory(WEB.toFile())
                .redirectErrorStream(true);
        node.environment().put("BASE_URL", "http://localhost:" + port);
        node.environment().put("ADMIN_EMAIL", "admin@datacare.local");
        node.environment().put("ADMIN_PASSWORD", "console-e2e-admin");
        node.environment().put("APP_SECRET", "sandbox-app-secret");
        node.environment().put("SCREENSHOTS", SCREENSHOTS.toString());
        node.environment().put("CHROMIUM", System.getProperty("console.chromium", "/usr/bin/chromium"));
        Process run = node.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                System.out.println("[console e2e] " + line);
                output.add(line);
            }
        }
        boolean finished = run.waitFor(6, TimeUnit.MINUTES);
        if (!finished) {
            run.destroyForcibly();
        }

        assertThat(finished).as("the browser run ends within 6 minutes").isTrue();
        assertThat(run.exitValue()).as(String.join("\n", output)).isZero();
        assertThat(output).noneMatch(line -> line.startsWith("FAIL"));
        assertThat(SCREENSHOTS.resolve("inbox.png")).exists();
    }
}
