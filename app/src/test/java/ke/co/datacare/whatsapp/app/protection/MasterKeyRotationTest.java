package ke.co.datacare.whatsapp.app.protection;

import com.google.crypto.tink.Aead;
import ke.co.datacare.whatsapp.app.security.Role;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A new master key: data keys re-wrapped under it, the old one read until the rotation is done. */
class MasterKeyRotationTest extends SignedInTest {

    private static final DataProtectionProperties DEFAULTS =
            new DataProtectionProperties(null, null, null, null, null, null, null, null, null);

    private static Aead randomMasterKey() throws GeneralSecurityException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return MasterKey.decode(Base64.getEncoder().encodeToString(key), "master-key");
    }

    private DataKeys keys(Aead master, Aead previous) {
        return new DataKeys(jdbc, master, Optional.ofNullable(previous), Clock.systemUTC(), DEFAULTS);
    }

    private static byte[] sealed(DataKeys keys, String subject) throws GeneralSecurityException {
        return keys.forWriting(subject).encrypt(subject.getBytes(StandardCharsets.UTF_8), DataKeys.associated(subject));
    }

    private static String opened(DataKeys keys, String subject, byte[] ciphertext) throws GeneralSecurityException {
        return new String(keys.forReading(subject).orElseThrow().decrypt(ciphertext, DataKeys.associated(subject)),
                StandardCharsets.UTF_8);
    }

    @Test
    void data_keys_are_rewrapped_under_the_new_master_key_and_read_by_either_until_the_old_one_is_dropped()
            throws GeneralSecurityException {
        Aead old = randomMasterKey();
        Aead current = randomMasterKey();
        List<String> subjects = IntStream.range(0, 3).mapToObj(i -> "rotation-" + UUID.randomUUID()).toList();
        DataKeys before = keys(old, null);
        List<byte[]> ciphertexts = subjects.stream().map(subject -> {
            try {
                return sealed(before, subject);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }).toList();

        DataKeys during = keys(current, old);
        assertThat(opened(during, subjects.get(0), ciphertexts.get(0))).isEqualTo(subjects.get(0));
        MasterKeyRotation.Outcome first = new MasterKeyRotation(jdbc, during).run();
        MasterKeyRotation.Outcome second = new MasterKeyRotation(jdbc, during).run();

        assertThat(first.rewrapped()).isEqualTo(3);
        assertThat(first.examined()).isGreaterThanOrEqualTo(3);
        assertThat(second.rewrapped()).isZero();
        DataKeys after = keys(current, null);
        for (int i = 0; i < subjects.size(); i++) {
            assertThat(opened(after, subjects.get(i), ciphertexts.get(i))).isEqualTo(subjects.get(i));
        }
    }

    @Test
    void an_admin_runs_the_rotation_over_http_and_another_role_is_refused_as_a_problem() {
        HttpResponse<String> run = client.post("/api/admin/data-protection/master-key-rotation", token, "{}");
        HttpResponse<String> byAgent = client.post("/api/admin/data-protection/master-key-rotation",
                tokenOf(Role.AGENT), "{}");

        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(client.read(run.body()).path("rewrapped").asInt()).as("no previous master key is configured")
                .isZero();
        assertThat(client.read(run.body()).path("examined").asInt())
                .isGreaterThanOrEqualTo(client.read(run.body()).path("unreadable").asInt());
        assertThat(byAgent.statusCode()).isEqualTo(403);
        assertThat(byAgent.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }
}
