package dev.atelier.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps objects (a work's original file, its extracted text, model artefacts) under keys such as
 * {@code creators/{creatorId}/works/{workId}/original}.
 *
 * <p>A key is one or more non-empty segments separated by {@code /}: not absolute, no {@code .} or {@code ..}
 * segments, no backslashes or control characters, at most 1024 UTF-8 bytes and 255 per segment. Anything else is
 * refused with an {@link IllegalArgumentException} before the backend is touched. Keys form a tree: a key that
 * holds an object is never also the folder of other keys, because a filesystem cannot hold both.
 *
 * <p>A write is atomic for readers: they see the previous object or the whole new one, never a part. Content is
 * streamed both ways, so memory use does not grow with object size. Backend failures surface as
 * {@link UncheckedIOException}. Implementations are thread-safe.
 */
public interface ObjectStore {

    /**
     * Stores {@code length} bytes from {@code content} under {@code key}, replacing any object there. The stream
     * must deliver exactly {@code length} bytes; if it delivers fewer or more, nothing is stored and the previous
     * object stays. The caller keeps ownership of {@code content} and closes it.
     *
     * @param contentType kept as object metadata where the backend has it (S3); the local store ignores it
     */
    void put(String key, InputStream content, long length, String contentType);

    /** Stores the file's current content under {@code key}, replacing any object there. */
    default void put(String key, Path file, String contentType) {
        try (var content = Files.newInputStream(file)) {
            put(key, content, Files.size(file), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + " to store it under '" + key + "'", e);
        }
    }

    /**
     * Opens the object for reading; the caller closes the stream.
     *
     * @throws NoSuchObject if nothing is stored under {@code key}
     */
    InputStream open(String key);

    boolean exists(String key);

    /**
     * @return the object's length in bytes
     * @throws NoSuchObject if nothing is stored under {@code key}
     */
    long size(String key);

    /** Removes the object if there is one; removing a missing object does nothing. */
    void delete(String key);

    /**
     * Removes every object whose key lies under {@code prefix}, that is starts with {@code prefix + "/"}:
     * {@code creators/a} removes {@code creators/a/works/1} but not {@code creators/ab/works/1}. The prefix
     * follows the key rules and may end with one {@code /}. Not atomic: objects written under the prefix while it
     * runs may survive.
     */
    void deletePrefix(String prefix);
}
