package dev.atelier.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Which GGUF file {@link LlamaCppTextEngine} serves: the configured one, or else the newest {@code .gguf} in the
 * models directory. Resolving only looks at the file system, so it is cheap enough to repeat on every status check.
 *
 * @param configured {@code atelier.engine.text.model}: a path (it has a directory part), or a file name in
 *                   {@code models}, with or without {@code .gguf}; null means pick from {@code models}
 * @param models {@code ${atelier.data-dir}/models}, where {@code models pull} puts downloads
 */
record TextModelFile(@Nullable String configured, Path models) {

    static final String EXTENSION = ".gguf";

    /** Downloads a small instruction-tuned model into the models directory. */
    static final String PULL_COMMAND = "java -jar target/atelier.jar models pull qwen2.5-0.5b-instruct";

    TextModelFile {
        models = models.toAbsolutePath().normalize();
    }

    /**
     * The file to load.
     *
     * @throws TextEngineUnavailable if there is none, saying how to get one
     */
    Path resolve() {
        if (configured == null) {
            return newestInModels();
        }
        var candidates = candidates(configured);
        for (var candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new TextEngineUnavailable("The text model atelier.engine.text.model=" + configured
                + " does not exist: there is no file " + String.join(" or ", candidates.stream().map(Path::toString)
                .toList()) + ". Set it to an existing .gguf file, or leave it unset to use the newest .gguf in "
                + models + " (`" + PULL_COMMAND + "` puts one there).");
    }

    /** The fix for an empty models directory; also what {@link NoTextEngine} suggests. */
    String noModelInstalled() {
        return "No text model is installed. Run `" + PULL_COMMAND + "` (it lands in " + models
                + "), or set atelier.engine.text.model=/path/to/model.gguf, or point atelier.engine.text.id=openai at "
                + "an OpenAI-compatible server with atelier.engine.text.openai.base-url and .model.";
    }

    private Path newestInModels() {
        if (!Files.isDirectory(models)) {
            throw new TextEngineUnavailable(noModelInstalled());
        }
        try (Stream<Path> files = Files.list(models)) {
            return files.filter(file -> file.getFileName().toString().endsWith(EXTENSION))
                    .filter(Files::isRegularFile)
                    .max(Comparator.comparing(TextModelFile::modified).thenComparing(Path::getFileName))
                    .orElseThrow(() -> new TextEngineUnavailable(noModelInstalled()));
        } catch (IOException e) {
            throw new TextEngineUnavailable("Could not list the text models in " + models + ": " + e.getMessage(), e);
        }
    }

    private List<Path> candidates(String configured) {
        var path = Path.of(configured);
        var candidates = new ArrayList<Path>();
        if (path.isAbsolute() || path.getNameCount() > 1) {
            candidates.add(path.toAbsolutePath().normalize());
        } else {
            candidates.add(models.resolve(path));
            if (!configured.endsWith(EXTENSION)) {
                candidates.add(models.resolve(configured + EXTENSION));
            }
        }
        return candidates;
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException vanished) {
            return Long.MIN_VALUE;
        }
    }
}
