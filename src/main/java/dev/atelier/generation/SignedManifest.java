package dev.atelier.generation;

/**
 * A signed provenance manifest, as the client downloads it.
 *
 * @param file the manifest file: UTF-8 JSON {@code {"manifest": {...}, "signature": "<protected>..<signature>"}}
 * @param reference the manifest's id, {@code urn:uuid:<asset id>} (its C2PA {@code instance_id})
 * @param sha256 the SHA-256 of the asset the manifest binds, lowercase hex
 */
record SignedManifest(byte[] file, String reference, String sha256) {
}
