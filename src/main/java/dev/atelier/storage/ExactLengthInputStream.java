package dev.atelier.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * Passes on exactly the declared number of bytes of a put, and fails the read that shows the content is shorter
 * or longer, so that a store never keeps a truncated object or silently drops a tail. Longer content is detected
 * by reading one byte ahead as soon as the declared length is reached, because a backend that knows the length
 * (an HTTP client sending Content-Length) stops reading there. Once a read has failed, every later read fails
 * too, so a client that retries by replaying bytes it buffered cannot complete the put with the bad content.
 * Not thread-safe, like any stream.
 */
final class ExactLengthInputStream extends FilterInputStream {

    private final String key;
    private final long length;
    private long remaining;
    private @Nullable String failure;

    private ExactLengthInputStream(InputStream content, long length, String key) {
        super(content);
        this.key = key;
        this.length = length;
        this.remaining = length;
    }

    /**
     * @throws IOException if {@code length} is 0 and {@code content} is not empty: a backend never reads empty
     *                     content, so this is the only chance to notice
     */
    static ExactLengthInputStream exactly(InputStream content, long length, String key) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("length of '" + key + "' must not be negative, was " + length);
        }
        if (length == 0) {
            requireEnd(content, key, length);
        }
        return new ExactLengthInputStream(content, length, key);
    }

    /** Why a read failed, if one did: the content did not have the declared length. */
    @Nullable String failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        var b = new byte[1];
        var n = read(b, 0, 1);
        return n == -1 ? -1 : b[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (failure != null) {
            throw new IOException(failure);
        }
        if (remaining == 0) {
            return -1;
        }
        if (count == 0) {
            return 0;
        }
        var n = in.read(buffer, offset, (int) Math.min(count, remaining));
        if (n == -1) {
            failure = "content of '" + key + "' ended after " + (length - remaining) + " of the declared " + length
                    + " bytes";
            throw new IOException(failure);
        }
        remaining -= n;
        if (remaining == 0) {
            try {
                requireEnd(in, key, length);
            } catch (IOException e) {
                failure = e.getMessage();
                throw e;
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        var skipped = in.skip(Math.min(Math.max(n, 0), remaining));
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void mark(int readLimit) {
    }

    @Override
    public void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private static void requireEnd(InputStream content, String key, long length) throws IOException {
        if (content.read() != -1) {
            throw new IOException("content of '" + key + "' is longer than the declared " + length + " bytes");
        }
    }
}
