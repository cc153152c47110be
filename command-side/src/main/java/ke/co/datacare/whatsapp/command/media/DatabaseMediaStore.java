package ke.co.datacare.whatsapp.command.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Media bytes in the database (table {@code media_blob}): nothing to set up, backed up with everything else. */
final class DatabaseMediaStore implements MediaStore {

    private final JdbcTemplate jdbc;

    DatabaseMediaStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void put(String sha256, Path file, long size) throws IOException {
        if (jdbc.queryForObject("select count(*) from media_blob where sha256 = ?", Integer.class, sha256) > 0) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            jdbc.update("insert into media_blob (sha256, size, bytes) values (?, ?, ?)", statement -> {
                statement.setString(1, sha256);
                statement.setLong(2, size);
                statement.setBinaryStream(3, in, size);
            });
        } catch (DuplicateKeyException e) {
            // another instance kept the same bytes first
        }
    }

    @Override
    public void copyTo(String sha256, OutputStream out) throws IOException {
        try {
            jdbc.query("select bytes from media_blob where sha256 = ?", rs -> {
                try (InputStream in = rs.getBinaryStream(1)) {
                    in.transferTo(out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, sha256);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
