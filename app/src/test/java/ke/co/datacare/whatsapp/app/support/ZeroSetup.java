package ke.co.datacare.whatsapp.app.support;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The zero-setup run as a test starts it: the embedded H2 database in a fresh temporary folder, and a port known
 * before start-up, as {@code PORT} is in a real run (the sandbox's address is derived from it).
 */
public final class ZeroSetup {

    private ZeroSetup() {
    }

    public static void onAFreePort(DynamicPropertyRegistry registry, String folderPrefix) throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            int freePort = free.getLocalPort();
            registry.add("server.port", () -> freePort);
        }
        Path folder = Files.createTempDirectory(folderPrefix);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + folder.resolve("datacare")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE,KEY;USER=sa;PASSWORD=");
    }
}
