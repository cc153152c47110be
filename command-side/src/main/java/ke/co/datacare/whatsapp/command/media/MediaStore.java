package ke.co.datacare.whatsapp.command.media;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/** Where archived media bytes live, addressed by their SHA-256 (the same file sent twice is kept once). */
interface MediaStore {

    /** Keeps {@code file} under {@code sha256} unless the store already has it. */
    void put(String sha256, Path file, long size) throws IOException;

    void copyTo(String sha256, OutputStream out) throws IOException;
}
