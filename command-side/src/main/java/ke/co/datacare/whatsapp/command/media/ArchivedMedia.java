package ke.co.datacare.whatsapp.command.media;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/** The kept copy of a customer's media, for serving it without asking Meta. */
public class ArchivedMedia {

    private final MediaArchive archive;
    private final MediaStore store;

    ArchivedMedia(MediaArchive archive, MediaStore store) {
        this.archive = archive;
        this.store = store;
    }

    public Optional<MediaArchive.Stored> find(String mediaId) {
        return archive.stored(mediaId);
    }

    public void copyTo(MediaArchive.Stored media, OutputStream out) throws IOException {
        store.copyTo(media.sha256(), out);
    }
}
