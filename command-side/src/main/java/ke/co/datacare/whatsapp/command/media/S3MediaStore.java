package ke.co.datacare.whatsapp.command.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Media bytes as objects of an S3-compatible bucket, {@code <prefix>ab/abcdef...} by their SHA-256 (AWS S3, or any
 * server that speaks its API: MinIO, Ceph, a cloud's object storage). An object already there is not written again;
 * a write is one {@code PutObject}, so a reader sees the whole object or none.
 */
final class S3MediaStore implements MediaStore {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3MediaStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
    }

    String keyOf(String sha256) {
        return prefix + sha256.substring(0, 2) + "/" + sha256;
    }

    @Override
    public void put(String sha256, Path file, long size) throws IOException {
        String key = keyOf(sha256);
        try {
            if (exists(key)) {
                return;
            }
            s3.putObject(put -> put.bucket(bucket).key(key).contentLength(size), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new IOException("media " + sha256 + " could not be stored in bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void copyTo(String sha256, OutputStream out) throws IOException {
        try (InputStream in = s3.getObject(get -> get.bucket(bucket).key(keyOf(sha256)))) {
            in.transferTo(out);
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException("media " + sha256 + " is not in bucket " + bucket);
        } catch (SdkException e) {
            throw new IOException("media " + sha256 + " could not be read from bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    private boolean exists(String key) {
        try {
            s3.headObject(head -> head.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }
}
