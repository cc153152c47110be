package ke.co.datacare.whatsapp.app.protection;

import com.google.crypto.tink.Aead;
import ke.co.datacare.whatsapp.app.support.SignedInTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A contact's data key within the transaction that makes it: made once, used again, forgotten with a rollback. */
class DataKeysInTransactionTest extends SignedInTest {

    private static final DataProtectionProperties DEFAULTS =
            new DataProtectionProperties(null, null, null, null, null, null, null, null, null);

    @Autowired
    private PlatformTransactionManager transactions;
    private final byte[] master = new byte[32];

    {
        new SecureRandom().nextBytes(master);
    }

    private DataKeys keys() {
        return keys(jdbc);
    }

    private DataKeys keys(JdbcTemplate statements) {
        try {
            return new DataKeys(statements, MasterKey.decode(Base64.getEncoder().encodeToString(master), "master-key"),
                    Optional.empty(), Clock.systemUTC(), DEFAULTS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_new_contact_sealed_many_times_in_one_transaction_gets_one_key_made_once_and_stored_once() {
        DataKeys keys = keys();
        String subject = "tx-" + UUID.randomUUID();

        List<Aead> used = new TransactionTemplate(transactions).execute(status ->
                List.of(keys.forWriting(subject), keys.forWriting(subject), keys.forWriting(subject)));

        assertThat(used).allSatisfy(key -> assertThat(key).isSameAs(used.get(0)));
        assertThat(jdbc.queryForObject("select count(*) from personal_data_key where subject_id = ?", Long.class,
                subject)).isOne();
        assertThat(keys.forWriting(subject)).as("remembered after the commit").isSameAs(used.get(0));
    }

    @Test
    void a_key_made_in_a_transaction_that_rolls_back_is_never_used_again() throws GeneralSecurityException {
        DataKeys keys = keys();
        String subject = "tx-" + UUID.randomUUID();
        byte[] plain = subject.getBytes(StandardCharsets.UTF_8);

        byte[] sealedThenRolledBack = new TransactionTemplate(transactions).execute(status -> {
            try {
                byte[] sealed = keys.forWriting(subject).encrypt(plain, DataKeys.associated(subject));
                keys.forWriting(subject);
                status.setRollbackOnly();
                return sealed;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(keys.forReading(subject)).isEmpty();
        Aead next = new TransactionTemplate(transactions).execute(status -> keys.forWriting(subject));
        assertThatThrownBy(() -> next.decrypt(sealedThenRolledBack, DataKeys.associated(subject)))
                .isInstanceOf(GeneralSecurityException.class);
        assertThat(next.decrypt(next.encrypt(plain, DataKeys.associated(subject)), DataKeys.associated(subject)))
                .isEqualTo(plain);
    }

    @Test
    void the_keys_of_many_contacts_registered_together_take_one_statement_and_a_stored_key_is_kept()
            throws GeneralSecurityException {
        String known = "tx-" + UUID.randomUUID();
        byte[] plain = known.getBytes(StandardCharsets.UTF_8);
        byte[] sealedBefore = new TransactionTemplate(transactions).execute(status -> seal(keys(), known, plain));
        List<String> subjects = IntStream.range(0, 300).mapToObj(i -> "tx-" + UUID.randomUUID()).toList();
        AtomicInteger statements = new AtomicInteger();
        DataKeys keys = keys(new JdbcTemplate(jdbc.getDataSource()) {
            @Override
            protected void applyStatementSettings(java.sql.Statement statement) throws java.sql.SQLException {
                statements.incrementAndGet();
                super.applyStatementSettings(statement);
            }
        });

        byte[] sealedNow = new TransactionTemplate(transactions).execute(status -> {
            keys.prepareFor(concat(subjects, known));
            subjects.forEach(keys::forWriting);
            return seal(keys, subjects.get(0), plain);
        });

        assertThat(statements.get()).as("one statement for all 301 keys").isOne();
        assertThat(jdbc.queryForObject("select count(*) from personal_data_key where subject_id in (?, ?, ?)",
                Long.class, known, subjects.get(0), subjects.get(299))).isEqualTo(3);
        DataKeys reader = keys();
        assertThat(reader.forReading(known).orElseThrow().decrypt(sealedBefore, DataKeys.associated(known)))
                .as("the stored key is kept").isEqualTo(plain);
        assertThat(reader.forReading(subjects.get(0)).orElseThrow().decrypt(sealedNow,
                DataKeys.associated(subjects.get(0)))).as("the prepared key is the one stored").isEqualTo(plain);
    }

    private static List<String> concat(List<String> subjects, String more) {
        List<String> all = new java.util.ArrayList<>(subjects);
        all.add(more);
        return all;
    }

    private static byte[] seal(DataKeys keys, String subject, byte[] plain) {
        try {
            return keys.forWriting(subject).encrypt(plain, DataKeys.associated(subject));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
