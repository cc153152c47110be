package ke.co.datacare.whatsapp.command.media;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Media bytes as files under a directory, {@code ab/abcdef...} by their SHA-256 (a mounted volume in production). */
final class DirectoryMediaStore implements MediaStore {

    private final Path root;

    DirectoryMediaStore(Path root) {
        this.root = root;
    }

    private Path pathOf(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    @Override
    public void put(String sha256, Path file, long size) throws IOException {
        Path target = pathOf(sha256);
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), sha256, ".part");
        Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void copyTo(String sha256, OutputStream out) throws IOException {
        Files.copy(pathOf(sha256), out);
    }
}
