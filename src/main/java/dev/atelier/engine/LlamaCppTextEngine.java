package dev.atelier.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import dev.atelier.engine.Completion.FinishReason;

/**
 * A GGUF model run in-process by llama.cpp (java-llama.cpp, which embeds llama.cpp's server). The chat template is
 * the model's own, read from the GGUF and rendered by llama.cpp's Jinja engine.
 *
 * <p>Thread-safe. One model serves every request: it loads on the first completion, under a lock, so the application
 * starts fast and a model pulled while it runs is found. Until then each {@link #status()} and completion looks for
 * the file again; a failed look is not remembered. A file llama.cpp cannot load is tried again by the next completion,
 * and {@link #status()} reports the failure until the file changes. Completions run on {@code slots} platform threads
 * of this engine (llama.cpp decodes the slots together, in one batch); further requests wait in line. The caller's
 * thread only waits on a queue, so virtual threads are never pinned by llama.cpp's blocking native calls.
 *
 * <p>Cancellation and timeouts end the caller's wait at once; llama.cpp stops after the token it is decoding, because
 * its iterator is only safe to cancel from the thread that reads it. The same request and seed give the same text
 * when it runs alone (the prompt is evaluated afresh each time, not taken from a slot's cache, for exactly that); run
 * together with others in one batch, the floating-point sums may differ in the last bits and so, rarely, the text.
 *
 * <p>Token counts: the prompt's are the tokens of the templated prompt as llama.cpp's tokenizer splits it (special
 * tokens included, a beginning-of-sequence token that llama.cpp may prepend not); the completion's are the tokens
 * decoded, one per streamed piece.
 *
 * <p>llama.cpp's own log goes to standard error only when this class logs at TRACE; otherwise it is switched off
 * (java-llama.cpp 4.2.0 cannot route it into SLF4J: its log callback is never called).
 *
 * <p>Once a model has loaded, java-llama.cpp 4.2.0 leaves a non-daemon native thread behind, even after
 * {@link #close()}: such a JVM ends by a signal or {@link System#exit}, not by running out of threads.
 *
 * <p>Inject {@link TextEngine} instead; construct this directly only outside Spring (benchmarks, tools).
 */
public final class LlamaCppTextEngine implements TextEngine, AutoCloseable {

    public static final String ID = "llama-cpp";

    private static final Logger log = LoggerFactory.getLogger(LlamaCppTextEngine.class);

    /** Room left in a slot's context beyond prompt and completion: the beginning-of-sequence token and one spare. */
    private static final int CONTEXT_MARGIN = 2;

    /** How long closing waits for the slots' current tokens before it gives up freeing the model. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final TextModelFile file;
    private final int contextSize;
    private final int slots;
    private final int threads;
    private final Duration timeout;
    private final ThreadPoolExecutor workers;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile @Nullable Loaded loaded;
    private volatile @Nullable LoadFailure lastFailure;
    private volatile boolean closed;

    /**
     * @param model a GGUF path, or a file name in {@code models}; null means the newest {@code .gguf} in {@code models}
     * @param models the directory {@code models pull} downloads to
     * @param contextSize tokens of context, shared evenly by the slots
     * @param slots completions generated at once
     * @param threads CPU threads llama.cpp computes with
     * @param timeout the longest one completion may take
     */
    public LlamaCppTextEngine(@Nullable String model, Path models, int contextSize, int slots, int threads,
                              Duration timeout) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be positive, was " + slots);
        }
        if (contextSize < slots) {
            throw new IllegalArgumentException("contextSize must be at least one token per slot, was " + contextSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, was " + threads);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.file = new TextModelFile(model, models);
        this.contextSize = contextSize;
        this.slots = slots;
        this.threads = threads;
        this.timeout = timeout;
        this.workers = new ThreadPoolExecutor(slots, slots, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("llama-cpp-", 1).daemon(true).factory());
        this.workers.allowCoreThreadTimeOut(true);
    }

    @Override
    public Completion complete(CompletionRequest request, TokenSink sink) {
        if (closed) {
            throw new TextEngineUnavailable("The text engine has shut down.");
        }
        var stream = new TokenStream();
        try {
            workers.execute(() -> generate(request, stream));
        } catch (RejectedExecutionException e) {
            throw new TextEngineUnavailable("The text engine has shut down.", e);
        }
        return stream.collect(request, timeout, sink, modelName());
    }

    @Override
    public TextEngineStatus status() {
        var current = loaded;
        if (current != null) {
            return new TextEngineStatus(true, ID, current.name(), "Serves " + current.file() + " with " + slots
                    + " slots of " + slotContext() + " tokens each.");
        }
        try {
            var gguf = file.resolve();
            var failure = lastFailure;
            if (failure != null && failure.isAbout(gguf)) {
                return new TextEngineStatus(false, ID, name(gguf), failure.howToFix());
            }
            return new TextEngineStatus(true, ID, name(gguf), "Loads " + gguf + " on the first completion.");
        } catch (TextEngineUnavailable e) {
            return new TextEngineStatus(false, ID, file.configured(), e.getMessage());
        }
    }

    /** Whether the model is in memory. */
    boolean loaded() {
        return loaded != null;
    }

    /** The chat as the model sees it: the messages rendered by the GGUF's chat template, loading the model. */
    String prompt(List<ChatMessage> messages) {
        return model().llama().applyTemplate(chat(messages));
    }

    /**
     * Frees the model once the slots have finished their current token; requests still waiting fail. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("llama.cpp did not finish its tokens within {}; its model stays in memory until the JVM ends",
                        CLOSE_WAIT);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        loading.lock();
        try {
            var current = loaded;
            loaded = null;
            if (current != null) {
                current.llama().close();
                log.debug("Closed text model {}", current.file());
            }
        } finally {
            loading.unlock();
        }
    }

    /* Runs on a worker thread, the only one that touches the llama.cpp iterator. */
    private void generate(CompletionRequest request, TokenStream stream) {
        try {
            if (stream.abandoned()) {
                return;
            }
            if (closed) {
                stream.fail(new TextEngineUnavailable("The text engine has shut down."));
                return;
            }
            var model = model();
            if (stream.abandoned()) {
                return;
            }
            var prompt = model.llama().applyTemplate(chat(request.messages()));
            var promptTokens = model.llama().encode(prompt).length;
            var room = slotContext() - promptTokens - CONTEXT_MARGIN;
            if (room < 1) {
                throw new IllegalArgumentException("The prompt takes " + promptTokens + " tokens, but a slot holds "
                        + slotContext() + " (atelier.engine.text.context-size " + contextSize + " shared by " + slots
                        + " slots); shorten the prompt, or raise the context size or lower the slots.");
            }
            stream.prompted(promptTokens, model.name());
            var limit = Math.min(request.maxTokens(), room);
            var parameters = new InferenceParameters(prompt)
                    .setNPredict(limit)
                    .setTemperature((float) request.temperature())
                    .setSeed(request.seed31())
                    .setCachePrompt(false);
            var tokens = model.llama().generate(parameters).iterator();
            var generated = 0;
            while (tokens.hasNext()) {
                if (stream.abandoned()) {
                    tokens.cancel();
                    return;
                }
                if (closed) {
                    tokens.cancel();
                    stream.fail(new TextEngineUnavailable("The text engine shut down during the completion."));
                    return;
                }
                var output = tokens.next();
                if (!tokens.hasNext()) {
                    // The last result only says that generation ended; when streaming, it holds no token.
                    stream.piece(output.text, 0);
                    break;
                }
                generated++;
                stream.piece(output.text, 1);
            }
            stream.end(generated >= limit ? FinishReason.LENGTH : FinishReason.STOP, promptTokens, generated,
                    model.name());
        } catch (TextEngineUnavailable | IllegalArgumentException e) {
            stream.fail(e);
        } catch (RuntimeException e) {
            stream.fail(new IllegalStateException("llama.cpp failed: " + e.getMessage(), e));
        }
    }

    private Loaded model() {
        var current = loaded;
        if (current != null) {
            return current;
        }
        loading.lock();
        try {
            current = loaded;
            if (current != null) {
                return current;
            }
            if (closed) {
                throw new TextEngineUnavailable("The text engine has shut down.");
            }
            var gguf = file.resolve();
            log.info("Loading text model {} ({} slots, {} tokens of context, {} threads)", gguf, slots, contextSize,
                    threads);
            var started = System.nanoTime();
            try {
                var model = new LlamaModel(parameters(gguf));
                current = new Loaded(model, gguf, name(gguf));
            } catch (RuntimeException | LinkageError e) {
                var failure = LoadFailure.of(gguf, e);
                lastFailure = failure;
                throw new TextEngineUnavailable(failure.howToFix(), e);
            }
            loaded = current;
            lastFailure = null;
            log.info("Loaded text model {} in {} ms", gguf, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return current;
        } finally {
            loading.unlock();
        }
    }

    private ModelParameters parameters(Path gguf) {
        var parameters = new ModelParameters()
                .setModel(gguf.toString())
                .setCtxSize(contextSize)
                .setParallel(slots)
                .setThreads(threads)
                .setThreadsBatch(threads)
                .enableJinja();
        return log.isTraceEnabled() ? parameters : parameters.disableLog();
    }

    private int slotContext() {
        return contextSize / slots;
    }

    private String modelName() {
        var current = loaded;
        if (current != null) {
            return current.name();
        }
        return file.configured() != null ? file.configured() : ID;
    }

    /**
     * The messages in java-llama.cpp's form, which takes one system message ahead of the chat: the contents of all
     * system messages, joined by blank lines.
     */
    private static InferenceParameters chat(List<ChatMessage> messages) {
        var system = messages.stream()
                .filter(message -> message.role() == ChatMessage.Role.SYSTEM)
                .map(ChatMessage::content)
                .collect(Collectors.joining("\n\n"));
        var turns = new ArrayList<Pair<String, String>>();
        for (var message : messages) {
            switch (message.role()) {
                case USER -> turns.add(new Pair<>("user", message.content()));
                case ASSISTANT -> turns.add(new Pair<>("assistant", message.content()));
                case SYSTEM -> {
                }
            }
        }
        return new InferenceParameters("").setMessages(system.isEmpty() ? null : system, turns);
    }

    private static String name(Path gguf) {
        return gguf.getFileName().toString();
    }

    private record Loaded(LlamaModel llama, Path file, String name) {
    }

    /** Why a file did not load; it stays the answer to {@link #status()} until the file changes. */
    private record LoadFailure(Path file, long size, long modified, String howToFix) {

        static LoadFailure of(Path file, Throwable cause) {
            var howToFix = cause instanceof LinkageError
                    ? "llama.cpp's native library does not load on this machine (" + System.getProperty("os.name")
                            + ", " + System.getProperty("os.arch") + "): " + cause.getMessage() + ". Point "
                            + "atelier.engine.text.id=openai at an OpenAI-compatible server instead."
                    : "llama.cpp could not load " + file + ": " + cause.getMessage() + ". Check that it is a "
                            + "complete GGUF file (download it again), or choose another with atelier.engine.text.model.";
            return new LoadFailure(file, size(file), modified(file), howToFix);
        }

        boolean isAbout(Path gguf) {
            return file.equals(gguf) && size == size(gguf) && modified == modified(gguf);
        }

        private static long size(Path file) {
            try {
                return Files.size(file);
            } catch (IOException e) {
                return -1;
            }
        }

        private static long modified(Path file) {
            try {
                return Files.getLastModifiedTime(file).toMillis();
            } catch (IOException e) {
                return -1;
            }
        }
    }
}
