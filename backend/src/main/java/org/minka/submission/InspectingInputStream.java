package org.minka.submission;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.minka.common.MinkaException;

/**
 * Passes bytes through while counting them, hashing them (SHA-256), keeping the first {@link
 * FileTypes#SNIFF_BYTES} and the last four, and refusing to go past a limit. As soon as the first
 * bytes are in (or the stream ends), the sniff check runs, so a wrong type is refused before the
 * first part is sent. A refusal surfaces to the reader as a {@link Refused} I/O error.
 */
final class InspectingInputStream extends FilterInputStream {

    /** An I/O failure that carries the problem to answer. */
    static final class Refused extends IOException {
        private final transient MinkaException problem;

        Refused(MinkaException problem) {
            super(problem.getMessage(), null);
            this.problem = problem;
        }

        MinkaException problem() {
            return problem;
        }
    }

    /** Called once with the first bytes and (when the stream ended already) the last ones. */
    interface HeadCheck {
        MinkaException check(byte[] head);
    }

    private final MessageDigest sha256;
    private final long limit;
    private final MinkaException overLimit;
    private final HeadCheck headCheck;
    private final byte[] head = new byte[FileTypes.SNIFF_BYTES];
    private final byte[] tail = new byte[4];
    private int headLength;
    private boolean headChecked;
    private long count;
    private volatile boolean aborted;

    InspectingInputStream(
            InputStream in, long limit, MinkaException overLimit, HeadCheck headCheck) {
        super(in);
        this.limit = limit;
        this.overLimit = overLimit;
        this.headCheck = headCheck;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    /**
     * Makes every later read fail, so that a consumer (the SDK's multipart upload) aborts instead
     * of taking a closed stream's end for the end of the file.
     */
    void abort() {
        aborted = true;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (aborted) {
            throw new IOException("upload cancelled");
        }
        int n = super.read(b, off, len);
        if (aborted) {
            throw new IOException("upload cancelled");
        }
        if (n < 0) {
            checkHead();
            return n;
        }
        count += n;
        if (count > limit) {
            throw new Refused(overLimit);
        }
        sha256.update(b, off, n);
        if (headLength < head.length) {
            int copy = Math.min(n, head.length - headLength);
            System.arraycopy(b, off, head, headLength, copy);
            headLength += copy;
        }
        keepTail(b, off, n);
        if (headLength == head.length) {
            checkHead();
        }
        return n;
    }

    private void keepTail(byte[] b, int off, int n) {
        if (n >= 4) {
            System.arraycopy(b, off + n - 4, tail, 0, 4);
        } else {
            System.arraycopy(tail, n, tail, 0, 4 - n);
            System.arraycopy(b, off, tail, 4 - n, n);
        }
    }

    private void checkHead() throws Refused {
        if (!headChecked) {
            headChecked = true;
            MinkaException refusal = headCheck.check(head());
            if (refusal != null) {
                throw new Refused(refusal);
            }
        }
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    byte[] head() {
        return Arrays.copyOf(head, headLength);
    }

    byte[] tail() {
        return count >= 4 ? tail.clone() : new byte[0];
    }

    long count() {
        return count;
    }

    String sha256Hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Reads the rest of the stream, for hashing an object already stored. */
    void drain() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (read(buffer, 0, buffer.length) >= 0) {
            // counting and hashing happen in read
        }
    }
}
