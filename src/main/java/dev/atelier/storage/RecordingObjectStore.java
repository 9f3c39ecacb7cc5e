package dev.atelier.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The store the application uses: passes every call to the configured backend, enters each open in the
 * {@link ObjectStoreAccessLog} and counts reads, writes and bytes in Micrometer ({@code atelier.storage.reads},
 * {@code atelier.storage.writes}, {@code atelier.storage.bytes} by {@code direction}), tagged with the store's id.
 * Bytes read are counted as the caller consumes the stream, so an object opened and not read costs nothing.
 */
final class RecordingObjectStore implements ObjectStore, AutoCloseable {

    private final ObjectStore store;
    private final ObjectStoreAccessLog accessLog;
    private final Counter reads;
    private final Counter writes;
    private final Counter bytesRead;
    private final Counter bytesWritten;

    RecordingObjectStore(ObjectStore store, String storeId, ObjectStoreAccessLog accessLog, MeterRegistry meters) {
        this.store = store;
        this.accessLog = accessLog;
        this.reads = Counter.builder("atelier.storage.reads").description("Objects opened for reading")
                .tag("store", storeId).register(meters);
        this.writes = Counter.builder("atelier.storage.writes").description("Objects stored")
                .tag("store", storeId).register(meters);
        this.bytesRead = Counter.builder("atelier.storage.bytes").description("Object bytes read or stored")
                .baseUnit("bytes").tag("store", storeId).tag("direction", "read").register(meters);
        this.bytesWritten = Counter.builder("atelier.storage.bytes").description("Object bytes read or stored")
                .baseUnit("bytes").tag("store", storeId).tag("direction", "write").register(meters);
    }

    /** The backend, for tests that check which one the configuration picked. */
    ObjectStore backend() {
        return store;
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) {
        store.put(key, content, length, contentType);
        writes.increment();
        bytesWritten.increment(length);
    }

    @Override
    public void put(String key, Path file, String contentType) {
        long length;
        try {
            length = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + " to store it under '" + key + "'", e);
        }
        store.put(key, file, contentType);
        writes.increment();
        bytesWritten.increment(length);
    }

    @Override
    public InputStream open(String key) {
        accessLog.recordRead(ObjectKeys.check(key));
        var content = store.open(key);
        reads.increment();
        return new FilterInputStream(content) {
            @Override
            public int read() throws IOException {
                var b = super.read();
                if (b != -1) {
                    bytesRead.increment();
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) throws IOException {
                var n = super.read(buffer, offset, count);
                if (n > 0) {
                    bytesRead.increment(n);
                }
                return n;
            }
        };
    }

    @Override
    public boolean exists(String key) {
        return store.exists(key);
    }

    @Override
    public long size(String key) {
        return store.size(key);
    }

    @Override
    public void delete(String key) {
        store.delete(key);
    }

    @Override
    public void deletePrefix(String prefix) {
        store.deletePrefix(prefix);
    }

    @Override
    public void close() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return store.toString();
    }
}
