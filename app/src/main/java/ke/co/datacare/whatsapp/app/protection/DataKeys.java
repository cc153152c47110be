package ke.co.datacare.whatsapp.app.protection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import ke.co.datacare.whatsapp.command.config.TransactionScoped;
import ke.co.datacare.whatsapp.command.contact.NewContactKeys;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each contact's data key (a Tink AES-256-GCM keyset), stored wrapped by the master key in {@code personal_data_key}
 * and kept in memory for a while. Deleting a contact's row is what erases its personal data.
 */
public class DataKeys implements NewContactKeys {

    static final String TABLE = "personal_data_key";
    private static final Duration ABSENT_FOR = Duration.ofSeconds(5);
    /** How many opened ciphertexts an instance keeps (a few seconds of events at the intake's rate). */
    private static final int OPENED = 50_000;

    private final JdbcTemplate jdbc;
    private final Aead master;
    private final Optional<Aead> previousMaster;
    private final Clock clock;
    private final Cache<String, Aead> keys;
    private final Cache<String, Boolean> absent;
    private final Cache<Sealed, byte[]> opened;
    /** The keys one transaction loaded or made, remembered by all once it committed. */
    private final TransactionScoped<Map<String, Aead>> transactionKeys;

    DataKeys(JdbcTemplate jdbc, Aead master, Optional<Aead> previousMaster, Clock clock,
             DataProtectionProperties properties) {
        this.jdbc = jdbc;
        this.master = master;
        this.previousMaster = previousMaster;
        this.clock = clock;
        this.keys = Caffeine.newBuilder().expireAfterWrite(properties.keyCacheTtl())
                .maximumSize(properties.keyCacheSize()).build();
        this.absent = Caffeine.newBuilder().expireAfterWrite(ABSENT_FOR).maximumSize(properties.keyCacheSize()).build();
        this.opened = Caffeine.newBuilder().expireAfterWrite(properties.keyCacheTtl()).maximumSize(OPENED).build();
        this.transactionKeys = new TransactionScoped<>(HashMap::new, (made, committed) -> {
            if (committed) {
                keys.putAll(made);
            }
        });
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The subject's key, created (in the caller's transaction) when it has none yet. On PostgreSQL a key that is not
     * in memory costs one statement whether it is stored or new: a key is made and wrapped up front, and one
     * statement answers the stored key or inserts the new one (a new contact's first event used to take a select and
     * an insert on the dispatcher's path, 7.6% of its CPU).
     */
    Aead forWriting(String subject) {
        Aead cached = known(subject);
        if (cached != null) {
            return cached;
        }
        try {
            if (postgresql()) {
                return remember(subject, storedOrMade(subject));
            }
            Optional<Aead> stored = load(subject);
            if (stored.isPresent()) {
                return remember(subject, stored.get());
            }
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            // never overwrite a key (the embedded database, one process, needs only the plain check)
            int inserted = jdbc.update("insert into personal_data_key (subject_id, keyset, created_at) select ?, ?, ? "
                    + "where not exists (select 1 from personal_data_key where subject_id = ?)", subject,
                    wrap(subject, keyset), Timestamp.from(clock.instant()), subject);
            return remember(subject, inserted == 1 ? primitive(keyset) : loadedAfterRace(subject));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No data key could be made for " + subject, e);
        }
    }

    /**
     * The stored key, or the one made here inserted in the same statement. Never overwrites a key: two writers
     * racing on a new subject keep the first (on conflict does not abort the transaction; the loser's statement sees
     * neither row, its snapshot being older than the winner's commit, and reads the winner's key after it).
     */
    private Aead storedOrMade(String subject) throws GeneralSecurityException {
        KeysetHandle made = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        List<Stored> rows = jdbc.query("with existing as (select keyset from personal_data_key where subject_id = ?), "
                        + "inserted as (insert into personal_data_key (subject_id, keyset, created_at) "
                        + "select ?, ?, ? where not exists (select 1 from existing) "
                        + "on conflict (subject_id) do nothing returning keyset) "
                        + "select keyset, false as made from existing union all select keyset, true from inserted",
                (rs, i) -> new Stored(rs.getBytes(1), rs.getBoolean(2)), subject, subject, wrap(subject, made),
                Timestamp.from(clock.instant()));
        if (rows.isEmpty()) {
            return loadedAfterRace(subject);
        }
        return rows.get(0).made() ? primitive(made) : primitive(unwrapOrFail(subject, rows.get(0).keyset()));
    }

    private record Stored(byte[] keyset, boolean made) {
    }

    /** Keys made at once in one statement at most. */
    private static final int PREPARED_PER_STATEMENT = 1_000;

    /**
     * The keys of many subjects at once, in the caller's transaction (contacts registered together: a campaign's
     * audience): those not in memory are stored or made in one statement per {@value #PREPARED_PER_STATEMENT}, as
     * {@link #storedOrMade} does for one, instead of a statement each when their events are sealed.
     */
    @Override
    public void prepareFor(Collection<String> subjects) {
        Set<String> unknown = new LinkedHashSet<>();
        subjects.stream().filter(subject -> known(subject) == null).forEach(unknown::add);
        if (unknown.isEmpty()) {
            return;
        }
        if (!postgresql()) {
            unknown.forEach(this::forWriting);
            return;
        }
        List<String> all = List.copyOf(unknown);
        for (int from = 0; from < all.size(); from += PREPARED_PER_STATEMENT) {
            storedOrMadeAll(all.subList(from, Math.min(all.size(), from + PREPARED_PER_STATEMENT)));
        }
    }

    private void storedOrMadeAll(List<String> subjects) {
        Map<String, KeysetHandle> made = new LinkedHashMap<>();
        List<Object> arguments = new ArrayList<>(subjects.size() * 2 + 1);
        try {
            for (String subject : subjects) {
                KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                made.put(subject, keyset);
                arguments.add(subject);
                arguments.add(wrap(subject, keyset));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No data keys could be made", e);
        }
        arguments.add(Timestamp.from(clock.instant()));
        String rows = String.join(", ", Collections.nCopies(subjects.size(), "(?, ?::bytea)"));
        Map<String, Aead> found = new HashMap<>();
        jdbc.query("with wanted (subject_id, keyset) as (values " + rows + "), "
                        + "existing as (select k.subject_id, k.keyset from personal_data_key k "
                        + "join wanted w on w.subject_id = k.subject_id), "
                        + "inserted as (insert into personal_data_key (subject_id, keyset, created_at) "
                        + "select w.subject_id, w.keyset, ? from wanted w "
                        + "where not exists (select 1 from existing e where e.subject_id = w.subject_id) "
                        + "on conflict (subject_id) do nothing returning subject_id) "
                        + "select subject_id, keyset, false as made from existing "
                        + "union all select subject_id, null, true from inserted",
                rs -> {
                    String subject = rs.getString(1);
                    found.put(subject, rs.getBoolean(3) ? primitive(made.get(subject))
                            : primitive(unwrapOrFail(subject, rs.getBytes(2))));
                }, arguments.toArray());
        for (String subject : subjects) {
            // a subject neither found nor inserted lost a race with another writer: its key is the winner's
            remember(subject, found.containsKey(subject) ? found.get(subject) : loadedAfterRace(subject));
        }
    }

    private byte[] wrap(String subject, KeysetHandle keyset) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, master, associated(subject));
    }

    private Aead loadedAfterRace(String subject) {
        return load(subject).orElseThrow(() -> new IllegalStateException("The data key of " + subject
                + " vanished while it was created"));
    }

    /** The subject's key, or empty when it was erased (or never had personal data). */
    Optional<Aead> forReading(String subject) {
        Aead cached = known(subject);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (absent.getIfPresent(subject) != null) {
            return Optional.empty();
        }
        Optional<Aead> stored = load(subject);
        stored.ifPresentOrElse(key -> keys.put(subject, key), () -> absent.put(subject, true));
        return stored;
    }

    /** Forget what this instance remembers of the subject's key (after a failed decryption: it may have changed). */
    void forget(String subject) {
        keys.invalidate(subject);
        absent.invalidate(subject);
        forgetOpened(Set.of(subject));
        Map<String, Aead> ours = transactionKeys.existing();
        if (ours != null) {
            ours.remove(subject);
        }
    }

    /** The subject's key as remembered here, or as this transaction has loaded or made it. */
    private Aead known(String subject) {
        Aead cached = keys.getIfPresent(subject);
        if (cached != null) {
            return cached;
        }
        Map<String, Aead> ours = transactionKeys.existing();
        return ours == null ? null : ours.get(subject);
    }

    /**
     * Deletes the keys of {@code subjects} made at or before {@code upTo} (a key made later belongs to data that came
     * after the erasure), and forgets them here. Answers how many were deleted.
     */
    int shred(Collection<String> subjects, Instant upTo) {
        List<String> ids = List.copyOf(subjects);
        List<Object> arguments = new ArrayList<>(ids);
        arguments.add(Timestamp.from(upTo));
        int deleted = ids.isEmpty() ? 0 : jdbc.update("delete from personal_data_key where subject_id in ("
                + String.join(", ", Collections.nCopies(ids.size(), "?")) + ") and created_at <= ?",
                arguments.toArray());
        forgetShredded(ids);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // a reader that loaded a key before the delete committed may have remembered it since: forget it again
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forgetShredded(ids);
                }
            });
        }
        return deleted;
    }

    private void forgetShredded(List<String> subjects) {
        subjects.forEach(subject -> {
            keys.invalidate(subject);
            absent.invalidate(subject);
        });
        forgetOpened(Set.copyOf(subjects));
    }

    /** A sealed value: its subject and its ciphertext as stored (Base64). */
    private record Sealed(String subject, String ciphertext) {
    }

    /**
     * What a ciphertext of the subject's opened to on this instance before, while its key is remembered: every
     * processor reads every event, and each used to decrypt its personal data again.
     */
    Optional<byte[]> openedBefore(String subject, String ciphertext) {
        return Optional.ofNullable(opened.getIfPresent(new Sealed(subject, ciphertext)));
    }

    /** Remembers what a ciphertext opened to (for as long as a key; forgotten with the subject's key). */
    void rememberOpened(String subject, String ciphertext, byte[] plain) {
        opened.put(new Sealed(subject, ciphertext), plain);
    }

    private void forgetOpened(Set<String> subjects) {
        opened.asMap().keySet().removeIf(sealed -> subjects.contains(sealed.subject()));
    }

    private Boolean postgresql;

    private boolean postgresql() {
        if (postgresql == null) {
            postgresql = "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>)
                    connection -> connection.getMetaData().getDatabaseProductName()));
        }
        return postgresql;
    }

    static byte[] associated(String subject) {
        return subject.getBytes(StandardCharsets.UTF_8);
    }

    private Optional<Aead> load(String subject) {
        List<byte[]> rows = jdbc.query("select keyset from personal_data_key where subject_id = ?",
                (rs, i) -> rs.getBytes(1), subject);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(primitive(unwrapOrFail(subject, rows.get(0))));
    }

    private static Aead primitive(KeysetHandle keyset) {
        try {
            return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A data key gives no cipher", e);
        }
    }

    private KeysetHandle unwrapOrFail(String subject, byte[] wrapped) {
        try {
            return unwrap(subject, wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The data key of " + subject + " cannot be unwrapped with the configured "
                    + "master key (nor the previous one)", e);
        }
    }

    /** A stored data key unwrapped by the master key, or during a rotation by the previous master key. */
    private KeysetHandle unwrap(String subject, byte[] wrapped) throws GeneralSecurityException {
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, master, associated(subject));
        } catch (GeneralSecurityException notByTheMasterKey) {
            if (previousMaster.isEmpty()) {
                throw notByTheMasterKey;
            }
            return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, previousMaster.get(), associated(subject));
        }
    }

    /**
     * The stored data key wrapped anew by the master key, or empty when the master key already wraps it; throws
     * when neither the master key nor the previous one opens it.
     */
    Optional<byte[]> rewrapped(String subject, byte[] wrapped) throws GeneralSecurityException {
        try {
            TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, master, associated(subject));
            return Optional.empty();
        } catch (GeneralSecurityException notYet) {
            return Optional.of(TinkProtoKeysetFormat.serializeEncryptedKeyset(unwrap(subject, wrapped), master,
                    associated(subject)));
        }
    }

    /**
     * Remembered once the transaction that may have created it committed, so a rolled-back key is never used; until
     * then the transaction's own later events find it among its keys (a unit of work seals a contact's events many
     * times: each miss used to make, wrap and look up a key again).
     */
    private Aead remember(String subject, Aead key) {
        absent.invalidate(subject);
        Map<String, Aead> ours = transactionKeys.current();
        if (ours != null) {
            ours.put(subject, key);
        } else {
            keys.put(subject, key);
        }
        return key;
    }
}
