package ke.co.datacare.whatsapp.command.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3-compatible media store against an S3-compatible server in a process of its own, over HTTP on a free port:
 * s3rver (npm, pinned in {@code src/test/s3-server/package-lock.json}, installed there with {@code npm ci} on first
 * use), which does not read the SDK's default streaming uploads: the store must send whole bodies to S3-compatible
 * servers or keep the chunk framing as the media's bytes. Nothing of the server is on this module's class path. Needs
 * Node.js ({@code node}, {@code npm}); without it the tests are skipped, saying so.
 */
class S3MediaStoreOverHttpTest {

    private static final String BUCKET = "datacare-media";
    /** s3rver's own credentials (access key and secret). */
    private static final String KEY = "S3RVER";
    private static final Path SERVER = Path.of("src", "test", "s3-server");

    private static Process server;
    private static URI endpoint;

    @TempDir
    static Path data;
    @TempDir
    Path files;

    @BeforeAll
    static void startTheServer() throws Exception {
        assumeTrue(runs("node", "--version"), "Node.js is not installed: the S3-compatible server cannot run");
        Path script = SERVER.resolve("node_modules/s3rver/bin/s3rver.js");
        if (!Files.exists(script)) {
            assumeTrue(runs("npm", "ci", "--no-audit", "--no-fund", "--prefix", SERVER.toString()),
                    "npm ci in " + SERVER + " failed: the S3-compatible server is not installed");
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = new ProcessBuilder("node", script.toString(), "--directory", data.toString(), "--address",
                "127.0.0.1", "--port", String.valueOf(port), "--silent", "--configure-bucket", BUCKET)
                .redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile()).start();
        endpoint = URI.create("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!accepts(port)) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the S3-compatible server did not start: "
                        + Files.readString(data.resolve("server.log")));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopTheServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(5, TimeUnit.MINUTES) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static S3MediaStore store() {
        return MediaArchiveConfiguration.s3Store(new MediaArchiveProperties.S3(BUCKET, "media/", "eu-west-1", endpoint,
                true, KEY, KEY));
    }

    private String kept(S3MediaStore store, byte[] content) throws Exception {
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        Path file = Files.createTempFile(files, "media", ".bin");
        Files.write(file, content);
        store.put(sha256, file, content.length);
        return sha256;
    }

    @Test
    void keeps_a_customers_photo_on_the_server_under_its_sha256_and_serves_the_same_bytes_back() throws Exception {
        byte[] photo = new byte[300_000];
        new java.util.Random(4411).nextBytes(photo);

        String sha256 = kept(store(), photo);

        ByteArrayOutputStream served = new ByteArrayOutputStream();
        store().copyTo(sha256, served);
        assertThat(served.toByteArray()).isEqualTo(photo);
        assertThat(data.resolve(BUCKET)).as("written by the server, in its own folder").isDirectory();
    }

    @Test
    void the_same_media_stored_twice_is_kept_once_and_one_never_stored_is_a_missing_file() throws Exception {
        byte[] document = ("ID document " + Instant.now()).getBytes();
        S3MediaStore store = store();
        String sha256 = kept(store, document);

        store.put(sha256, Files.writeString(files.resolve("again.bin"), new String(document)), document.length);

        ByteArrayOutputStream served = new ByteArrayOutputStream();
        store.copyTo(sha256, served);
        assertThat(served.toByteArray()).isEqualTo(document);
        String absent = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("never".getBytes()));
        assertThatThrownBy(() -> store.copyTo(absent, new ByteArrayOutputStream()))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining(absent);
    }
}
