package dev.atelier.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.atelier.identity.CreatorId;

/**
 * The creators' indexes: one Lucene index per creator and namespace, in {@code {root}/{creatorId}/{namespace}/}. This
 * is the only way to an index and it takes a {@link CreatorId}: there is no search across creators, and working with
 * one creator's index never opens another creator's directory, so no bug in a filter can leak their chunks.
 *
 * <p>Open indexes are kept in an LRU cache of {@code maxOpen}. Thread-safety: every method may be called from any
 * thread. Each call on a {@link CreatorIndex} leases its open index for the length of the call, and only indexes
 * without a lease are evicted (closing the writer, which releases the directory's lock), so the cache can hold more
 * than {@code maxOpen} for as long as they are all in use. Opening, evicting and deleting run under one lock, which
 * is what keeps two writers off one directory; the price is that a cache miss (a writer opens in milliseconds) makes
 * other callers' lookups wait for it.
 */
public class CreatorIndexes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CreatorIndexes.class);

    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9-]{1,40}");

    private final Path root;
    private final int maxOpen;
    private final Consumer<Path> beforeOpening;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition leaseEnded = lock.newCondition();
    /** Least recently used first. Guarded by {@link #lock}. */
    private final LinkedHashMap<Key, Slot> open = new LinkedHashMap<>(16, 0.75f, true);
    /** Indexes being deleted, which nobody may lease meanwhile. Guarded by {@link #lock}. */
    private final Set<Key> deleting = new HashSet<>();
    /** Guarded by {@link #lock}. */
    private boolean closed;

    public CreatorIndexes(Path root, int maxOpen) {
        this(root, maxOpen, directory -> {
        });
    }

    /** @param beforeOpening told of every directory just before it is opened (for tests) */
    CreatorIndexes(Path root, int maxOpen, Consumer<Path> beforeOpening) {
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen must be positive, was " + maxOpen);
        }
        this.root = root.toAbsolutePath().normalize();
        this.maxOpen = maxOpen;
        this.beforeOpening = beforeOpening;
    }

    /**
     * The creator's index in {@code namespace}, opened (and created, if new) now.
     *
     * @param namespace 1 to 40 of {@code a-z}, {@code 0-9} and {@code -}, such as {@code portfolio}
     */
    public CreatorIndex open(CreatorId creator, String namespace) {
        var index = new CreatorIndex(key(creator, namespace), this);
        use(index.key(), opened -> null);
        return index;
    }

    /**
     * Closes the creator's index in {@code namespace} and deletes its directory, once the calls running on it have
     * finished; calls made meanwhile wait. Using the index afterwards starts a new, empty one.
     */
    public void deleteAll(CreatorId creator, String namespace) {
        var key = key(creator, namespace);
        lock.lock();
        try {
            while (deleting.contains(key)) {
                leaseEnded.awaitUninterruptibly();
            }
            deleting.add(key);
            try {
                var slot = open.get(key);
                if (slot != null) {
                    while (slot.leases > 0) {
                        leaseEnded.awaitUninterruptibly();
                    }
                    // While this waited, the slot may have been evicted and closed already.
                    if (open.remove(key, slot)) {
                        slot.index.close();
                    }
                }
                deleteRecursively(directoryOf(key));
            } finally {
                deleting.remove(key);
                leaseEnded.signalAll();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the index " + key, e);
        } finally {
            lock.unlock();
        }
    }

    /** Closes every index once the calls running on it have finished; nothing can be opened afterwards. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            while (open.values().stream().anyMatch(slot -> slot.leases > 0)) {
                leaseEnded.awaitUninterruptibly();
            }
            open.values().forEach(CreatorIndexes::closeQuietly);
            open.clear();
        } finally {
            lock.unlock();
        }
    }

    Path root() {
        return root;
    }

    boolean isOpen(CreatorId creator, String namespace) {
        lock.lock();
        try {
            return open.containsKey(new Key(creator, namespace));
        } finally {
            lock.unlock();
        }
    }

    <T extends @Nullable Object> T use(Key key, IndexOperation<T> operation) {
        var slot = lease(key);
        try {
            return operation.apply(slot.index);
        } catch (IOException e) {
            throw new UncheckedIOException("index " + key + ": " + e.getMessage(), e);
        } finally {
            endLease(slot);
        }
    }

    @FunctionalInterface
    interface IndexOperation<T extends @Nullable Object> {
        T apply(LuceneCreatorIndex index) throws IOException;
    }

    /** Where one index lives; valid by construction, so it is safe to turn into a path. */
    record Key(CreatorId creator, String namespace) {

        @Override
        public String toString() {
            return creator + "/" + namespace;
        }
    }

    private static final class Slot {

        final LuceneCreatorIndex index;
        /** Calls running on the index. Guarded by the cache's lock. */
        int leases;

        Slot(LuceneCreatorIndex index) {
            this.index = index;
        }
    }

    private Slot lease(Key key) {
        lock.lock();
        try {
            while (deleting.contains(key)) {
                leaseEnded.awaitUninterruptibly();
            }
            if (closed) {
                throw new IllegalStateException("the creator indexes under " + root + " are closed");
            }
            var slot = open.get(key);
            if (slot == null) {
                var directory = directoryOf(key);
                beforeOpening.accept(directory);
                slot = new Slot(LuceneCreatorIndex.open(directory, key.creator(), key.namespace()));
                open.put(key, slot);
            }
            slot.leases++;
            evictIdleBeyondLimit();
            return slot;
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the index " + key, e);
        } finally {
            lock.unlock();
        }
    }

    private void endLease(Slot slot) {
        lock.lock();
        try {
            if (--slot.leases == 0) {
                leaseEnded.signalAll();
                evictIdleBeyondLimit();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock. */
    private void evictIdleBeyondLimit() {
        var leastRecentFirst = open.values().iterator();
        while (open.size() > maxOpen && leastRecentFirst.hasNext()) {
            var slot = leastRecentFirst.next();
            if (slot.leases == 0) {
                leastRecentFirst.remove();
                closeQuietly(slot);
            }
        }
    }

    private Path directoryOf(Key key) {
        return root.resolve(key.creator().toString()).resolve(key.namespace());
    }

    private static Key key(CreatorId creator, String namespace) {
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException(
                    "an index namespace is 1 to 40 of a-z, 0-9 and '-', but was '" + namespace + "'");
        }
        return new Key(creator, namespace);
    }

    private static void closeQuietly(Slot slot) {
        try {
            slot.index.close();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not close the index in {} cleanly", slot.index.path(), e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
