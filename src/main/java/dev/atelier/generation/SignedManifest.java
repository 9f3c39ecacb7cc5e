package dev.atelier.generation;

record SignedManifest(byte[] file, String reference, String sha256) {
}
