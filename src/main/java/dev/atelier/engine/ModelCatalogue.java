package dev.atelier.engine;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The GGUF models that {@code atelier models pull} can fetch, each pinned by size and SHA-256 so that a download is
 * installed only when it is exactly the file listed here.
 */
public record ModelCatalogue(List<ModelCatalogue.Entry> entries) {

    /** The host the built-in entries download from; {@code ATELIER_MODEL_MIRROR} replaces it. */
    public static final String HUGGING_FACE = "https://huggingface.co";

    /* Sizes and SHA-256 values are the Git LFS details Hugging Face lists for these files in Qwen's own repositories. */
    private static final ModelCatalogue BUILT_IN = new ModelCatalogue(List.of(
            new Entry("qwen2.5-0.5b-instruct", "qwen2.5-0.5b-instruct-q4_k_m.gguf",
                    URI.create(HUGGING_FACE + "/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/"
                            + "qwen2.5-0.5b-instruct-q4_k_m.gguf"),
                    491_400_032L, "74a4da8c9fdbcd15bd1f6d01d621410d31c6fc00986f5eb687824e7b93d7a9db", "Apache-2.0",
                    "Qwen2.5 0.5B Instruct, Q4_K_M: the smallest and fastest; fine for trying Atelier out"),
            new Entry("qwen2.5-1.5b-instruct", "qwen2.5-1.5b-instruct-q4_k_m.gguf",
                    URI.create(HUGGING_FACE + "/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/"
                            + "qwen2.5-1.5b-instruct-q4_k_m.gguf"),
                    1_117_320_736L, "6a1a2eb6d15622bf3c96857206351ba97e1af16c30d7a74ee38970e434e9407e", "Apache-2.0",
                    "Qwen2.5 1.5B Instruct, Q4_K_M: better writing, still comfortable on a laptop CPU")));

    public ModelCatalogue {
        entries = List.copyOf(entries);
        if (entries.stream().map(Entry::name).distinct().count() != entries.size()) {
            throw new IllegalArgumentException("model names in a catalogue must be unique");
        }
    }

    public static ModelCatalogue builtIn() {
        return BUILT_IN;
    }

    public Optional<Entry> find(String name) {
        return entries.stream().filter(entry -> entry.name().equals(name)).findFirst();
    }

    /**
     * One model file.
     *
     * @param name what users type: {@code atelier models pull <name>}
     * @param fileName the file's name under {@code <data-dir>/models/}
     * @param downloadUrl where the file is fetched from, unless a mirror is set
     * @param sizeBytes the file's exact length
     * @param sha256 the file's SHA-256, lowercase hex
     * @param licence the SPDX id of the model's licence
     */
    public record Entry(String name, String fileName, URI downloadUrl, long sizeBytes, String sha256, String licence,
                        String description) {

        private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
        private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
        private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

        public Entry {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a model name is lowercase letters, digits, '.', '_' and '-', was '"
                        + name + "'");
            }
            if (!FILE_NAME.matcher(fileName).matches()) {
                throw new IllegalArgumentException("a model file name has no path separators, was '" + fileName + "'");
            }
            var scheme = downloadUrl.getScheme();
            if (!downloadUrl.isAbsolute() || !("https".equals(scheme) || "http".equals(scheme))) {
                throw new IllegalArgumentException("a download URL is an absolute http(s) URL, was " + downloadUrl);
            }
            if (sizeBytes < 1) {
                throw new IllegalArgumentException("a model's size must be positive, was " + sizeBytes);
            }
            if (!SHA_256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("a SHA-256 is 64 lowercase hex digits, was '" + sha256 + "'");
            }
        }

        /**
         * Where to download from: {@link #downloadUrl()}, or the same path on {@code mirror} when the URL is on
         * {@link #HUGGING_FACE} and a mirror (a base URL such as {@code https://hf-mirror.example}) is given.
         */
        public URI downloadUrl(@Nullable String mirror) {
            var url = downloadUrl.toString();
            if (mirror == null || mirror.isBlank() || !url.startsWith(HUGGING_FACE + "/")) {
                return downloadUrl;
            }
            var base = mirror.strip();
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            return URI.create(base + url.substring(HUGGING_FACE.length()));
        }
    }
}
