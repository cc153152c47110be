package ke.co.datacare.whatsapp.command.campaign;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body read no further than its cap: past it, reading fails instead of filling the heap. */
final class CappedBody extends FilterInputStream {

    static final class TooLarge extends IOException {
        TooLarge(long cap) {
            super("The upload is larger than " + cap + " bytes");
        }
    }

    private final long cap;
    private long read;

    CappedBody(InputStream in, long cap) {
        super(in);
        this.cap = cap;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws TooLarge {
        read += n;
        if (read > cap) {
            throw new TooLarge(cap);
        }
    }
}
