package dev.atelier.engine;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * {@code atelier models list} and {@code atelier models pull <name> [--verify]}: the command line's view of the
 * {@link ModelCatalogue}, run without Spring. Models live in {@code <data-dir>/models/<file>.gguf}.
 *
 * <p>Exit codes: 0 done (or already installed), 1 the download or verification failed, 2 usage error.
 */
public final class ModelsCommand {

    /** A base URL that replaces {@value ModelCatalogue#HUGGING_FACE} in download URLs. */
    public static final String MIRROR_VARIABLE = "ATELIER_MODEL_MIRROR";

    static final String USAGE = """
            Usage:
              atelier models list                      the catalogue, and which models are installed
              atelier models pull <name> [--verify]    download a model (resumes an interrupted download);
                                                       --verify re-checks the SHA-256 of an installed one
            Options: --data-dir <dir> (default: $ATELIER_DATA_DIR, else ./data); models go to <dir>/models.
            Environment: ATELIER_MODEL_MIRROR=<base URL> downloads from a mirror instead of https://huggingface.co.""";

    private final ModelCatalogue catalogue;
    private final HttpClient http;
    private final int attempts;
    private final Duration retryPause;
    private final boolean terminal;
    private final @Nullable String mirror;

    ModelsCommand(ModelCatalogue catalogue, HttpClient http, int attempts, Duration retryPause, boolean terminal,
                  @Nullable String mirror) {
        this.catalogue = catalogue;
        this.http = http;
        this.attempts = attempts;
        this.retryPause = retryPause;
        this.terminal = terminal;
        this.mirror = mirror;
    }

    /**
     * Runs {@code models <args>} against the built-in catalogue.
     *
     * @param args the arguments after {@code models}, without {@code --data-dir}
     * @param environment where {@value #MIRROR_VARIABLE} is read from
     * @return the exit code
     */
    public static int run(List<String> args, Path dataDir, Map<String, String> environment, PrintStream out,
                          PrintStream err) {
        var command = new ModelsCommand(ModelCatalogue.builtIn(), ModelDownloader.httpClient(),
                ModelDownloader.DEFAULT_ATTEMPTS, ModelDownloader.DEFAULT_RETRY_PAUSE, System.console() != null, environment.get(MIRROR_VARIABLE));
        return command.execute(args, dataDir, out, err);
    }

    int execute(List<String> args, Path dataDir, PrintStream out, PrintStream err) {
        var models = dataDir.resolve("models");
        if (args.size() == 1 && args.getFirst().equals("list")) {
            return list(models, out);
        }
        if (args.size() >= 2 && args.getFirst().equals("pull") && !args.get(1).startsWith("-")) {
            var options = args.subList(2, args.size());
            if (options.stream().allMatch("--verify"::equals)) {
                var entry = catalogue.find(args.get(1));
                if (entry.isEmpty()) {
                    err.println("There is no model called '" + args.get(1) + "'. Known models: "
                            + catalogue.entries().stream().map(ModelCatalogue.Entry::name)
                                    .collect(Collectors.joining(", ")) + ".");
                    err.println(USAGE);
                    return 2;
                }
                return pull(entry.get(), options.contains("--verify"), models, out, err);
            }
        }
        err.println(args.isEmpty() ? "Missing a models command." : "Unknown models command: " + String.join(" ", args));
        err.println(USAGE);
        return 2;
    }

    private int list(Path models, PrintStream out) {
        var rows = new ArrayList<List<String>>();
        rows.add(List.of("NAME", "SIZE", "LICENCE", "INSTALLED", "DESCRIPTION"));
        for (var entry : catalogue.entries()) {
            rows.add(List.of(entry.name(), size(entry.sizeBytes()), entry.licence(), installation(entry, models),
                    entry.description()));
        }
        var widths = new int[rows.getFirst().size()];
        rows.forEach(row -> {
            for (var i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        for (var row : rows) {
            var line = new StringBuilder();
            for (var i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
        out.println();
        out.println("Models directory: " + models.toAbsolutePath().normalize());
        out.println("Install one with: atelier models pull <name>");
        return 0;
    }

    private int pull(ModelCatalogue.Entry entry, boolean verify, Path models, PrintStream out, PrintStream err) {
        var target = models.resolve(entry.fileName());
        try {
            if (installed(entry, target)) {
                if (!verify) {
                    out.println(entry.name() + " is already installed at " + target + ".");
                    return 0;
                }
                if (ModelDownloader.matches(entry, target)) {
                    out.println(entry.name() + " is installed at " + target + " and matches its SHA-256 "
                            + entry.sha256() + ".");
                    return 0;
                }
                err.println(target + " does not match the SHA-256 of " + entry.name() + " (" + entry.sha256()
                        + "). Delete it and run 'atelier models pull " + entry.name() + "' again.");
                return 1;
            }
            var from = entry.downloadUrl(mirror);
            err.println("Downloading " + entry.name() + " (" + size(entry.sizeBytes()) + ", " + entry.licence()
                    + ") from " + from);
            var file = new ModelDownloader(http, attempts, retryPause, err, terminal).download(entry, from, models);
            out.println("Installed " + entry.name() + " at " + file + " (SHA-256 verified).");
            return 0;
        } catch (IOException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static boolean installed(ModelCatalogue.Entry entry, Path target) throws IOException {
        return Files.isRegularFile(target) && Files.size(target) == entry.sizeBytes();
    }

    private static String installation(ModelCatalogue.Entry entry, Path models) {
        var target = models.resolve(entry.fileName());
        var part = ModelDownloader.partOf(target);
        try {
            if (installed(entry, target)) {
                return "yes";
            }
            if (Files.isRegularFile(part)) {
                return "partly (" + Files.size(part) * 100 / entry.sizeBytes() + "%)";
            }
            return "no";
        } catch (IOException e) {
            return "unreadable";
        }
    }

    static String size(long bytes) {
        return bytes >= 1_000_000_000L
                ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%d MB", Math.round(bytes / 1e6));
    }
}
