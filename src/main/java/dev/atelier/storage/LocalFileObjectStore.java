package dev.atelier.storage;

import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

import org.jspecify.annotations.Nullable;

/**
 * Objects as files under one root folder, the key being the file's path below it.
 *
 * <p>A put writes a temporary file in the target's folder, forces it to disk and renames it over the target
 * atomically, so readers see the old file or the new one, and a reader that already opened the old file keeps
 * reading it. Temporary files start with {@code .} and end with {@code .part}. Every key is resolved and then
 * checked to lie strictly inside the root, in addition to the key rules, so a path that escapes the root is
 * refused even if the rules missed it. Links placed inside the root by hand are followed.
 */
final class LocalFileObjectStore implements ObjectStore {

    /** The value of {@code atelier.storage.type} that picks this store. */
    static final String ID = "local";

    private final Path root;

    LocalFileObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the object store folder " + this.root, e);
        }
    }

    Path root() {
        return root;
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) {
        var target = resolve(key);
        var folder = target.getParent();
        try {
            Files.createDirectories(folder);
            var temporary = Files.createTempFile(folder, ".", ".part");
            try {
                try (var file = FileChannel.open(temporary, WRITE)) {
                    ExactLengthInputStream.exactly(content, length, key).transferTo(Channels.newOutputStream(file));
                    file.force(true);
                }
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not store '" + key + "' in " + root, e);
        }
    }

    @Override
    public InputStream open(String key) {
        var file = resolve(key);
        try {
            if (Files.isRegularFile(file)) {
                return Files.newInputStream(file);
            }
        } catch (NoSuchFileException e) {
            // deleted after the check: the same as never stored
        } catch (IOException e) {
            throw new UncheckedIOException("could not open '" + key + "' in " + root, e);
        }
        throw new NoSuchObject(key);
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public long size(String key) {
        var attributes = attributes(resolve(key));
        if (attributes == null || !attributes.isRegularFile()) {
            throw new NoSuchObject(key);
        }
        return attributes.size();
    }

    @Override
    public void delete(String key) {
        var file = resolve(key);
        try {
            if (!Files.isDirectory(file)) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete '" + key + "' in " + root, e);
        }
    }

    @Override
    public void deletePrefix(String prefix) {
        var folder = resolve(ObjectKeys.checkPrefix(prefix));
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, @Nullable IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete everything under '" + prefix + "' in " + root, e);
        }
    }

    /** The file for {@code key}, strictly inside the root. */
    Path resolve(String key) {
        var file = root.resolve(ObjectKeys.check(key)).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("object key '" + key + "' resolves outside the store's folder");
        }
        return file;
    }

    private static @Nullable BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the attributes of " + file, e);
        }
    }

    @Override
    public String toString() {
        return "local files under " + root;
    }
}
