package dev.atelier;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.atelier.engine.ModelsCommand;
import dev.atelier.generation.VerifyCommand;

/**
 * The command-line tools that run instead of the server, without Spring: {@code models} and {@code verify}. Each
 * takes {@code --data-dir <dir>}, else {@code ATELIER_DATA_DIR}, else {@code ./data}: the same default as
 * {@code atelier.data-dir}.
 */
final class Commands {

    static final String DATA_DIR_VARIABLE = "ATELIER_DATA_DIR";
    static final String DEFAULT_DATA_DIR = "./data";

    private static final Set<String> NAMES = Set.of("models", "verify");

    private static final String USAGE = """
            Usage: java -jar atelier.jar [models ... | verify ...] [--data-dir <dir>]
              models list | models pull <name>        the local model catalogue
              verify <asset-file> <manifest-file>     check an asset against its signed manifest
            Without a command, Atelier starts the web application.""";

    private Commands() {
    }

    static boolean handles(String[] args) {
        return args.length > 0 && NAMES.contains(args[0]);
    }

    /** Runs the command {@code args} names and returns its exit code: 0 success, 1 failure, 2 usage error. */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        var rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        String dataDir = null;
        for (var i = 0; i < rest.size(); i++) {
            var arg = rest.get(i);
            var separate = arg.equals("--data-dir");
            if (!separate && !arg.startsWith("--data-dir=")) {
                continue;
            }
            var value = separate ? (i + 1 < rest.size() ? rest.get(i + 1) : "") : arg.substring(arg.indexOf('=') + 1);
            if (value.isBlank()) {
                err.println("--data-dir needs a directory.");
                err.println(USAGE);
                return 2;
            }
            dataDir = value;
            rest.subList(i, i + (separate ? 2 : 1)).clear();
            i--;
        }
        var fromEnvironment = environment.get(DATA_DIR_VARIABLE);
        var resolved = Path.of(dataDir != null ? dataDir
                : fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : DEFAULT_DATA_DIR);
        return switch (args[0]) {
            case "models" -> ModelsCommand.run(List.copyOf(rest), resolved, environment, out, err);
            case "verify" -> VerifyCommand.run(List.copyOf(rest), resolved, out, err);
            default -> {
                err.println(USAGE);
                yield 2;
            }
        };
    }
}
