/**
 * Per-creator Lucene indexes of chunks, each with a vector (HNSW) and text (BM25), under
 * {@code {root}/{creatorId}/{namespace}/}. An index is reached only through {@link dev.atelier.index.CreatorIndexes}
 * with a {@link dev.atelier.identity.CreatorId}, so no search can touch another creator's data.
 */
@NullMarked
@ApplicationModule(allowedDependencies = "identity")
package dev.atelier.index;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
