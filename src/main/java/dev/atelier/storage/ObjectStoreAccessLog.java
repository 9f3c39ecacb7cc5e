package dev.atelier.storage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The latest reads of the {@link ObjectStore} in use: which key was opened, when and on which thread, so a test can
 * prove that a job for one creator never opened another creator's files. An open counts even when it finds
 * nothing, because asking for the key is what such a test must catch. Existence and size lookups are not reads.
 *
 * <p>Keeps the last {@code capacity} reads and forgets older ones, so it costs the same however long the
 * application runs. Thread-safe: the ring is guarded by this object's monitor, held only to copy a reference.
 */
public final class ObjectStoreAccessLog {

    /** One open of {@code key}, at {@code at}, on the thread named {@code thread}. */
    public record Access(String key, Instant at, String thread) {
    }

    private final Access[] ring;
    private final Clock clock;
    private long recorded;

    ObjectStoreAccessLog(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("access log capacity must be positive, was " + capacity);
        }
        this.ring = new Access[capacity];
        this.clock = clock;
    }

    void recordRead(String key) {
        var access = new Access(key, clock.instant(), Thread.currentThread().getName());
        synchronized (this) {
            ring[(int) (recorded++ % ring.length)] = access;
        }
    }

    /**
     * The remembered reads of keys under {@code prefix} (keys that start with {@code prefix + "/"}, as for
     * {@link ObjectStore#deletePrefix}), oldest first.
     */
    public List<Access> readsUnder(String prefix) {
        var folder = ObjectKeys.checkPrefix(prefix) + "/";
        return reads().stream().filter(access -> access.key().startsWith(folder)).toList();
    }

    /** All remembered reads, oldest first. */
    public synchronized List<Access> reads() {
        var count = (int) Math.min(recorded, ring.length);
        List<Access> reads = new ArrayList<>(count);
        for (var i = recorded - count; i < recorded; i++) {
            reads.add(ring[(int) (i % ring.length)]);
        }
        return reads;
    }

    public synchronized void clear() {
        Arrays.fill(ring, null);
        recorded = 0;
    }
}
