/**
 * Where Atelier keeps files: one {@link dev.atelier.storage.ObjectStore} port with a local-filesystem store (the
 * default, under the data dir) and an S3-compatible store, picked by {@code atelier.storage.type}. Every read goes
 * through an {@link dev.atelier.storage.ObjectStoreAccessLog}, so tests can prove which creator's files a job read.
 */
@NullMarked
package dev.atelier.storage;

import org.jspecify.annotations.NullMarked;
