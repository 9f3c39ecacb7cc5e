package dev.atelier.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jspecify.annotations.Nullable;

/**
 * A tiny but valid llama-architecture GGUF (version 3) that llama.cpp loads and runs: 2 blocks of width 64, random F32
 * weights from a fixed seed, a vocabulary of short English words, the 256 byte tokens and ChatML control tokens, and a
 * ChatML chat template in its metadata. About 0.6 MB. Its text is gibberish made of whole words; tests use it to check
 * the pipeline (streaming, stop strings, limits, seeds, concurrency, cancellation), never the quality.
 *
 * <p>Only word tokens have non-zero output weights, so sampling with llama.cpp's default top-k of 40 never picks a
 * byte, control or end-of-generation token: a generation runs until its token limit unless a stop string or a
 * cancellation ends it. The same inputs always give the same bytes.
 */
public final class TinyGguf {

    /** ChatML, the format of the {@code <|im_start|>} and {@code <|im_end|>} control tokens in the vocabulary. */
    public static final String CHAT_TEMPLATE = """
            {%- for message in messages -%}
            {{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' -}}
            {%- endfor -%}
            {%- if add_generation_prompt -%}
            {{- '<|im_start|>assistant\\n' -}}
            {%- endif -%}""";

    static final List<String> WORDS = List.of(
            "the", "a", "and", "of", "to", "in", "is", "it", "on", "for", "with", "as", "at", "by", "from", "or",
            "an", "be", "this", "that", "we", "you", "they", "she", "he", "her", "his", "our", "their", "my", "your",
            "its", "not", "but", "if", "so", "then", "when", "where", "while", "after", "before", "under", "over",
            "into", "out", "up", "down", "off", "near", "far", "here", "there", "now", "soon", "late", "early",
            "cat", "dog", "bird", "fish", "horse", "cow", "sheep", "goat", "mouse", "fox", "wolf", "bear", "deer",
            "owl", "bee", "ant", "frog", "duck", "hen", "crow", "tree", "leaf", "root", "seed", "flower", "grass",
            "moss", "stone", "rock", "sand", "hill", "field", "river", "lake", "sea", "wave", "rain", "snow", "wind",
            "storm", "cloud", "sky", "sun", "moon", "star", "light", "dark", "shade", "fire", "smoke", "ash", "ice",
            "house", "room", "door", "window", "wall", "roof", "floor", "table", "chair", "bed", "lamp", "book",
            "page", "letter", "word", "line", "song", "poem", "story", "tale", "map", "road", "path", "bridge",
            "town", "city", "street", "market", "shop", "bread", "milk", "cheese", "apple", "pear", "plum", "grape",
            "honey", "salt", "tea", "soup", "cake", "pie", "jam", "egg", "rice", "corn", "bean", "oil", "wine",
            "red", "blue", "green", "yellow", "white", "black", "grey", "brown", "gold", "silver", "pink", "small",
            "big", "tall", "short", "long", "wide", "thin", "warm", "cold", "hot", "cool", "soft", "hard", "old",
            "new", "young", "quiet", "loud", "slow", "fast", "bright", "calm", "wild", "kind", "brave", "happy",
            "sad", "glad", "clever", "gentle", "proud", "shy", "busy", "lazy", "clean", "open", "closed", "full",
            "empty", "sweet", "bitter", "fresh", "runs", "walks", "sings", "reads", "writes", "draws", "paints",
            "sleeps", "wakes", "eats", "drinks", "sees", "hears", "finds", "keeps", "gives", "takes", "makes",
            "builds", "grows", "falls", "rises", "flies", "swims", "jumps", "sits", "stands", "waits", "calls",
            "sends", "brings", "holds", "turns", "looks", "knows", "thinks", "feels", "likes", "loves", "plays",
            "works", "rests", "dreams", "one", "two", "three", "four", "five", "six", "ten", "many", "few", "all",
            "some", "every", "each", "other", "same", "morning", "evening", "night", "day", "week", "year", "spring",
            "summer", "autumn", "winter", "friend", "child", "mother", "father", "king", "queen", "farmer", "painter",
            "writer", "sailor", "baker", "again", "always", "never", "often", "very", "too", "also", "only", ".",
            ",", "!", "?");

    static final int WIDTH = 64;
    static final int BLOCKS = 2;
    static final int HEADS = 4;
    static final int FEED_FORWARD = 128;
    static final int CONTEXT_LENGTH = 4096;

    private static final int ALIGNMENT = 32;
    private static final long SEED = 20_261_125L;
    private static final Path FILE = Path.of("target", "test-models", "tiny.gguf").toAbsolutePath();

    private static final int UNKNOWN = 0;
    private static final int BEGIN = 1;
    private static final int END = 2;
    private static final int TYPE_NORMAL = 1;
    private static final int TYPE_UNKNOWN = 2;
    private static final int TYPE_CONTROL = 3;
    private static final int TYPE_BYTE = 6;

    private static @Nullable Path written;

    private TinyGguf() {
    }

    /** The tiny model with {@link #CHAT_TEMPLATE}, written once per JVM to {@code target/test-models/tiny.gguf}. */
    public static synchronized Path path() {
        if (written == null) {
            written = write(FILE, CHAT_TEMPLATE);
        }
        return written;
    }

    /** The same model with another chat template (or none), written to {@code file}. */
    static Path write(Path file, @Nullable String chatTemplate) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            var temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "tiny-", ".part");
            Files.write(temporary, bytes(chatTemplate));
            // An atomic replace keeps a file that another JVM has open (and mapped) intact.
            return Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the tiny GGUF to " + file, e);
        }
    }

    static byte[] bytes(@Nullable String chatTemplate) {
        var tokens = new ArrayList<String>();
        var types = new ArrayList<Integer>();
        var scores = new ArrayList<Float>();
        add(tokens, types, scores, "<unk>", TYPE_UNKNOWN, 0);
        add(tokens, types, scores, "<s>", TYPE_CONTROL, 0);
        add(tokens, types, scores, "</s>", TYPE_CONTROL, 0);
        for (var b = 0; b < 256; b++) {
            add(tokens, types, scores, "<0x%02X>".formatted(b), TYPE_BYTE, 0);
        }
        add(tokens, types, scores, "<|im_start|>", TYPE_CONTROL, 0);
        add(tokens, types, scores, "<|im_end|>", TYPE_CONTROL, 0);
        var firstWord = tokens.size();
        for (var i = 0; i < WORDS.size(); i++) {
            var word = WORDS.get(i);
            // SentencePiece marks a word's leading space with U+2581; punctuation attaches to the word before it.
            var piece = Character.isLetter(word.charAt(0)) ? "\u2581" + word : word;
            add(tokens, types, scores, piece, TYPE_NORMAL, -1 - i * 0.01f);
        }
        var vocabulary = tokens.size();

        var header = new Writer();
        var metadata = new Writer();
        var count = 0;
        count += metadata.string("general.architecture", "llama");
        count += metadata.string("general.name", "atelier-tiny");
        count += metadata.uint32("general.alignment", ALIGNMENT);
        count += metadata.uint32("llama.context_length", CONTEXT_LENGTH);
        count += metadata.uint32("llama.embedding_length", WIDTH);
        count += metadata.uint32("llama.block_count", BLOCKS);
        count += metadata.uint32("llama.feed_forward_length", FEED_FORWARD);
        count += metadata.uint32("llama.attention.head_count", HEADS);
        count += metadata.uint32("llama.attention.head_count_kv", HEADS);
        count += metadata.float32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        count += metadata.uint32("llama.rope.dimension_count", WIDTH / HEADS);
        count += metadata.uint32("llama.vocab_size", vocabulary);
        count += metadata.string("tokenizer.ggml.model", "llama");
        count += metadata.strings("tokenizer.ggml.tokens", tokens);
        count += metadata.floats("tokenizer.ggml.scores", scores);
        count += metadata.ints("tokenizer.ggml.token_type", types);
        count += metadata.uint32("tokenizer.ggml.unknown_token_id", UNKNOWN);
        count += metadata.uint32("tokenizer.ggml.bos_token_id", BEGIN);
        count += metadata.uint32("tokenizer.ggml.eos_token_id", END);
        count += metadata.bool("tokenizer.ggml.add_bos_token", true);
        count += metadata.bool("tokenizer.ggml.add_eos_token", false);
        if (chatTemplate != null) {
            count += metadata.string("tokenizer.chat_template", chatTemplate);
        }

        var random = new Random(SEED);
        var tensors = new ArrayList<Tensor>();
        tensors.add(new Tensor("token_embd.weight", gaussian(random, WIDTH * vocabulary, 1f), WIDTH, vocabulary));
        for (var block = 0; block < BLOCKS; block++) {
            var prefix = "blk." + block + ".";
            var projection = (float) (1 / Math.sqrt(WIDTH));
            tensors.add(new Tensor(prefix + "attn_norm.weight", ones(WIDTH), WIDTH));
            tensors.add(new Tensor(prefix + "attn_q.weight", gaussian(random, WIDTH * WIDTH, projection), WIDTH, WIDTH));
            tensors.add(new Tensor(prefix + "attn_k.weight", gaussian(random, WIDTH * WIDTH, projection), WIDTH, WIDTH));
            tensors.add(new Tensor(prefix + "attn_v.weight", gaussian(random, WIDTH * WIDTH, projection), WIDTH, WIDTH));
            tensors.add(new Tensor(prefix + "attn_output.weight", gaussian(random, WIDTH * WIDTH, projection), WIDTH,
                    WIDTH));
            tensors.add(new Tensor(prefix + "ffn_norm.weight", ones(WIDTH), WIDTH));
            tensors.add(new Tensor(prefix + "ffn_gate.weight", gaussian(random, WIDTH * FEED_FORWARD, projection),
                    WIDTH, FEED_FORWARD));
            tensors.add(new Tensor(prefix + "ffn_up.weight", gaussian(random, WIDTH * FEED_FORWARD, projection), WIDTH,
                    FEED_FORWARD));
            tensors.add(new Tensor(prefix + "ffn_down.weight",
                    gaussian(random, FEED_FORWARD * WIDTH, (float) (1 / Math.sqrt(FEED_FORWARD))), FEED_FORWARD,
                    WIDTH));
        }
        tensors.add(new Tensor("output_norm.weight", ones(WIDTH), WIDTH));
        var output = gaussian(random, WIDTH * vocabulary, 0.3f);
        for (var token = 0; token < firstWord; token++) {
            java.util.Arrays.fill(output, token * WIDTH, (token + 1) * WIDTH, 0f);
        }
        tensors.add(new Tensor("output.weight", output, WIDTH, vocabulary));

        header.raw("GGUF".getBytes(StandardCharsets.US_ASCII));
        header.u32(3);
        header.u64(tensors.size());
        header.u64(count);
        header.raw(metadata.toByteArray());
        long offset = 0;
        for (var tensor : tensors) {
            header.str(tensor.name());
            header.u32(tensor.dimensions().length);
            for (var dimension : tensor.dimensions()) {
                header.u64(dimension);
            }
            header.u32(0);
            header.u64(offset);
            offset = align(offset + tensor.values().length * 4L);
        }
        header.pad();
        for (var tensor : tensors) {
            var data = ByteBuffer.allocate(tensor.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            data.asFloatBuffer().put(tensor.values());
            header.raw(data.array());
            header.pad();
        }
        return header.toByteArray();
    }

    private static void add(List<String> tokens, List<Integer> types, List<Float> scores, String token, int type,
                            float score) {
        tokens.add(token);
        types.add(type);
        scores.add(score);
    }

    private static float[] gaussian(Random random, int size, float deviation) {
        var values = new float[size];
        for (var i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian() * deviation;
        }
        return values;
    }

    private static float[] ones(int size) {
        var values = new float[size];
        java.util.Arrays.fill(values, 1f);
        return values;
    }

    private static long align(long offset) {
        return (offset + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** Dimensions in GGUF order: the fastest-varying first. */
    private record Tensor(String name, float[] values, long... dimensions) {
    }

    /** GGUF's little-endian encoding; the metadata methods return how many key-value pairs they wrote. */
    private static final class Writer extends ByteArrayOutputStream {
        private static final int UINT32 = 4;
        private static final int INT32 = 5;
        private static final int FLOAT32 = 6;
        private static final int BOOL = 7;
        private static final int STRING = 8;
        private static final int ARRAY = 9;

        int string(String key, String value) {
            str(key);
            u32(STRING);
            str(value);
            return 1;
        }

        int uint32(String key, int value) {
            str(key);
            u32(UINT32);
            u32(value);
            return 1;
        }

        int float32(String key, float value) {
            str(key);
            u32(FLOAT32);
            u32(Float.floatToIntBits(value));
            return 1;
        }

        int bool(String key, boolean value) {
            str(key);
            u32(BOOL);
            write(value ? 1 : 0);
            return 1;
        }

        int strings(String key, List<String> values) {
            str(key);
            u32(ARRAY);
            u32(STRING);
            u64(values.size());
            values.forEach(this::str);
            return 1;
        }

        int floats(String key, List<Float> values) {
            str(key);
            u32(ARRAY);
            u32(FLOAT32);
            u64(values.size());
            values.forEach(value -> u32(Float.floatToIntBits(value)));
            return 1;
        }

        int ints(String key, List<Integer> values) {
            str(key);
            u32(ARRAY);
            u32(INT32);
            u64(values.size());
            values.forEach(this::u32);
            return 1;
        }

        void str(String value) {
            var bytes = value.getBytes(StandardCharsets.UTF_8);
            u64(bytes.length);
            raw(bytes);
        }

        void u32(int value) {
            raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
        }

        void u64(long value) {
            raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
        }

        void raw(byte[] bytes) {
            write(bytes, 0, bytes.length);
        }

        void pad() {
            while (size() % ALIGNMENT != 0) {
                write(0);
            }
        }
    }
}
