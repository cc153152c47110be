package ke.co.datacare.whatsapp.app.protection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

/**
 * Re-wraps every contact's data key under the master key, after {@code master-key} got a new value and
 * {@code previous-master-key} the old one: keys the old one wrapped stay readable meanwhile, and the old one may be
 * dropped from the configuration once a run answers {@code rewrapped = 0, unreadable = 0}. The data keys themselves
 * do not change, so no event is touched and no cached key goes stale. Keys are walked in order of subject, a thousand
 * at a time; a key is replaced only if it is still the one read, so a key erased meanwhile stays erased.
 */
@Component
class MasterKeyRotation {

    static final int CHUNK = 1_000;

    /** What a run found: keys examined, re-wrapped now, and those neither master key opens. */
    record Outcome(int examined, int rewrapped, int unreadable) {
    }

    private record StoredKey(String subject, byte[] wrapped) {
    }

    private final JdbcTemplate jdbc;
    private final DataKeys keys;

    MasterKeyRotation(JdbcTemplate jdbc, DataKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    Outcome run() {
        int examined = 0;
        int rewrapped = 0;
        int unreadable = 0;
        String after = "";
        List<StoredKey> chunk;
        do {
            chunk = jdbc.query("select subject_id, keyset from personal_data_key where subject_id > ? "
                            + "order by subject_id limit ?", (rs, i) -> new StoredKey(rs.getString(1), rs.getBytes(2)),
                    after, CHUNK);
            for (StoredKey key : chunk) {
                examined++;
                try {
                    Optional<byte[]> anew = keys.rewrapped(key.subject(), key.wrapped());
                    if (anew.isPresent() && jdbc.update("update personal_data_key set keyset = ? where subject_id = ? "
                            + "and keyset = ?", anew.get(), key.subject(), key.wrapped()) == 1) {
                        rewrapped++;
                    }
                } catch (GeneralSecurityException e) {
                    unreadable++;
                }
                after = key.subject();
            }
        } while (chunk.size() == CHUNK);
        return new Outcome(examined, rewrapped, unreadable);
    }
}
