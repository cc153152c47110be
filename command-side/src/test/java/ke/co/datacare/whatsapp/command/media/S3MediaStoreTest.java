package ke.co.datacare.whatsapp.command.media;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The S3-compatible media store, configured as an operator would ({@code datacare.media.archive.s3.*}: endpoint, path
 * style, keys), against an S3-compatible server running in this JVM.
 */
class S3MediaStoreTest {

    private static final String BUCKET = "datacare-media";

    /**
     * S3Mock is a Spring Boot application started in this JVM: it would pick up this module's database, security and
     * Axon auto-configuration from the class path, which a store of bytes does not need.
     */
    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3MockExtension.builder().silent().withInitialBuckets(BUCKET)
            .withProperty("spring.autoconfigure.exclude", String.join(",",
                    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                    "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
                    "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration",
                    "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration"))
            .withProperty("axon.axonserver.enabled", "false")
            .withProperty("axon.update-check.disabled", "true")
            .build();

    @TempDir
    Path files;

    private URI endpoint() {
        return URI.create("http://localhost:" + S3_MOCK.getHttpPort());
    }

    private S3MediaStore store() {
        return MediaArchiveConfiguration.s3Store(new MediaArchiveProperties.S3(BUCKET, "media/", "eu-west-1", endpoint(),
                true, "datacare", "datacare-secret"));
    }

    private S3Client bucketReader() {
        return S3Client.builder().region(Region.EU_WEST_1).endpointOverride(endpoint()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("datacare", "datacare-secret")))
                .build();
    }

    private Path file(byte[] content) throws Exception {
        Path file = Files.createTempFile(files, "media", ".bin");
        Files.write(file, content);
        return file;
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** Stores {@code content} as a new media; answers its SHA-256. */
    private String kept(S3MediaStore store, byte[] content) throws Exception {
        String sha256 = sha256(content);
        store.put(sha256, file(content), content.length);
        return sha256;
    }

    @Test
    void keeps_a_customers_photo_under_its_sha256_and_serves_the_same_bytes_back() throws Exception {
        byte[] photo = ("receipt of order 4411 " + Instant.now()).getBytes();
        S3MediaStore store = store();

        String sha256 = kept(store, photo);

        ByteArrayOutputStream served = new ByteArrayOutputStream();
        store.copyTo(sha256, served);
        assertThat(served.toByteArray()).isEqualTo(photo);
        try (S3Client s3 = bucketReader()) {
            assertThat(s3.listObjectsV2(list -> list.bucket(BUCKET).prefix("media/")).contents())
                    .extracting(S3Object::key).contains("media/" + sha256.substring(0, 2) + "/" + sha256);
        }
    }

    @Test
    void the_same_media_stored_twice_is_written_once() throws Exception {
        byte[] document = ("ID document " + Instant.now()).getBytes();
        S3MediaStore store = store();
        String sha256 = kept(store, document);
        Instant firstWrite;
        try (S3Client s3 = bucketReader()) {
            firstWrite = s3.headObject(head -> head.bucket(BUCKET).key(store.keyOf(sha256))).lastModified();
        }
        Thread.sleep(1_100);

        store.put(sha256, file(document), document.length);

        try (S3Client s3 = bucketReader()) {
            assertThat(s3.headObject(head -> head.bucket(BUCKET).key(store.keyOf(sha256))).lastModified())
                    .isEqualTo(firstWrite);
        }
    }

    @Test
    void a_media_the_bucket_does_not_have_is_a_missing_file() throws Exception {
        String absent = sha256(("never stored " + Instant.now()).getBytes());

        assertThatThrownBy(() -> store().copyTo(absent, new ByteArrayOutputStream()))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining(absent);
    }

    @Test
    void the_s3_store_without_a_bucket_refuses_to_start_naming_the_setting() {
        assertThatThrownBy(() -> MediaArchiveConfiguration.s3Store(new MediaArchiveProperties.S3(null, null, null, null,
                false, null, null))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("datacare.media.archive.s3.bucket");
    }
}
