package ke.co.datacare.whatsapp.app.protection;

import ke.co.datacare.whatsapp.api.common.ContactId;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** New contacts' ids are a keyed function of their first identity: stable under one key, unknown without it. */
class KeyedContactIdsTest {

    private static final String NUMBER = "wa_id:254712345678";

    private static DataProtectionProperties withContactIdKey(String key) {
        return new DataProtectionProperties(null, null, null, null, null, null, null, null, key);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void the_same_identity_under_the_same_key_gives_the_same_id_on_every_instance() {
        String key = randomKey();
        ContactId onOneInstance = KeyedContactIds.from(withContactIdKey(key)).derive(NUMBER);
        ContactId onAnother = KeyedContactIds.from(withContactIdKey(key)).derive(NUMBER);

        assertThat(onOneInstance).isEqualTo(onAnother);
        assertThat(KeyedContactIds.from(withContactIdKey(key)).derive("wa_id:254712345679")).isNotEqualTo(onOneInstance);
    }

    @Test
    void another_key_gives_another_id_for_the_same_number() {
        assertThat(KeyedContactIds.from(withContactIdKey(randomKey())).derive(NUMBER))
                .isNotEqualTo(KeyedContactIds.from(withContactIdKey(randomKey())).derive(NUMBER));
    }

    @Test
    void a_keyed_id_is_not_the_id_anyone_can_compute_from_the_number_and_says_it_is_keyed() {
        ContactId keyed = KeyedContactIds.from(withContactIdKey(randomKey())).derive(NUMBER);

        assertThat(keyed).isNotEqualTo(ContactId.derivedFrom(NUMBER));
        assertThat(UUID.fromString(keyed.value()).version()).isEqualTo(8);
        assertThat(UUID.fromString(keyed.value()).variant()).isEqualTo(2);
        assertThat(UUID.fromString(ContactId.derivedFrom(NUMBER).value()).version()).isEqualTo(3);
    }

    @Test
    void without_a_contact_id_key_the_key_is_derived_from_the_master_key() {
        DataProtectionProperties oneMaster = new DataProtectionProperties(randomKey(), null, null, null, null, null,
                null, null, null);
        DataProtectionProperties anotherMaster = new DataProtectionProperties(randomKey(), null, null, null, null, null,
                null, null, null);

        assertThat(KeyedContactIds.from(oneMaster).derive(NUMBER)).isEqualTo(KeyedContactIds.from(oneMaster).derive(NUMBER))
                .isNotEqualTo(KeyedContactIds.from(anotherMaster).derive(NUMBER));
    }

    @Test
    void a_contact_id_key_shorter_than_32_bytes_is_refused_at_start() {
        assertThatThrownBy(() -> KeyedContactIds.from(withContactIdKey(Base64.getEncoder().encodeToString(new byte[16]))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("contact-id-key");
    }
}
