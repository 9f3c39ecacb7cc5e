/**
 * Each creator's personal model: training jobs over the works they consented to, immutable versions with their
 * lineage (which item, with which content hash, consented when), the style profile and style classifier, and the
 * creator's per-version index. Revoking consent or deleting a work retires every version that used it.
 */
@NullMarked
package dev.atelier.personalmodel;

import org.jspecify.annotations.NullMarked;
