package dev.atelier.personalmodel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The word pairs and triples a creator uses much more than everyday English does. "Everyday English" is the
 * background corpus shipped with Atelier ({@value #BACKGROUND_CORPUS}), text written for the purpose: news items,
 * instructions, letters and descriptions on many topics, so that phrases anyone might write score low.
 *
 * <p>Phrases are ranked by the log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi and Quinn
 * (2008, "Fightin' Words"), divided by its estimated standard deviation to give a z-score. The prior is the
 * pooled frequency of the phrase in both corpora scaled to {@value #PRIOR_PSEUDO_COUNTS} pseudo-counts: it shrinks
 * the score of phrases seen only a few times, so a phrase needs both a clear difference in rate and enough uses.
 *
 * <p>A phrase is two or three consecutive words of one clause (no comma, semicolon, colon, dash, bracket or
 * quotation mark between them), lower-cased. It must not begin or end with a stop word (so neither "of the" nor
 * "the committee", but "governing board"), and the creator must have used it at least {@value #MIN_COUNT} times. No
 * two phrases chosen share a content word: of "fiscal consequences", "consequences of sustained" and "sustained
 * investment" only the best ranked is shown, so the list shows ten habits rather than pieces of one.
 *
 * <p>Pure and thread-safe; the background counts are computed once, on first use.
 */
final class DistinctivePhrases {

    static final String BACKGROUND_CORPUS = "personalmodel/background-corpus.txt";
    static final int TOP = 10;

    private static final double PRIOR_PSEUDO_COUNTS = 500;
    private static final int MIN_COUNT = 2;
    private static final Pattern CLAUSE_BREAK = Pattern.compile("[,;:()\\[\\]\"“”—–]|\\s-+\\s");

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "then", "than", "because", "as", "while",
            "of", "to", "in", "on", "at", "by", "for", "with", "about", "against", "between", "into", "through",
            "during", "before", "after", "above", "below", "from", "up", "down", "out", "off", "over", "under",
            "again", "further", "once", "here", "there", "when", "where", "why", "how", "all", "any", "both", "each",
            "few", "more", "most", "other", "some", "such", "no", "not", "only", "own", "same", "too", "very", "just",
            "can", "could", "will", "would", "shall", "should", "may", "might", "must", "do", "does", "did", "doing",
            "done", "be", "is", "am", "are", "was", "were", "been", "being", "have", "has", "had", "having", "i",
            "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
            "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them",
            "their", "theirs", "themselves", "what", "which", "who", "whom", "whose", "this", "that", "these",
            "those", "it's", "i'm", "i've", "i'd", "i'll", "you're", "you've", "we're", "we've", "they're", "that's",
            "there's", "don't", "doesn't", "didn't", "can't", "won't", "isn't", "aren't", "wasn't", "weren't",
            "also", "even", "still", "now", "much", "many", "well", "get", "got", "go", "going", "one", "two",
            "like", "onto", "upon", "via", "per", "whether", "though", "although", "unless", "until",
            "since", "within", "without", "around", "along", "across", "behind", "beyond", "among", "toward",
            "towards", "let", "lets", "let's", "ever", "every", "another", "either", "neither", "really", "quite");

    private DistinctivePhrases() {
    }

    /** The {@value #TOP} most distinctive phrases of the texts, best first. */
    static List<StyleProfile.Phrase> of(List<String> texts) {
        var creator = new HashMap<String, Integer>();
        texts.forEach(text -> count(text, creator));
        var creatorTotal = creator.values().stream().mapToLong(Integer::longValue).sum();
        var background = Background.COUNTS;
        var backgroundTotal = Background.TOTAL;
        var pooledTotal = (double) creatorTotal + backgroundTotal;

        record Scored(String phrase, int count, double z) {
        }
        var scored = new ArrayList<Scored>();
        for (var entry : creator.entrySet()) {
            int yi = entry.getValue(), yj = background.getOrDefault(entry.getKey(), 0);
            if (yi < MIN_COUNT) {
                continue;
            }
            var alpha = PRIOR_PSEUDO_COUNTS * (yi + yj) / pooledTotal;
            var delta = Math.log((yi + alpha) / (creatorTotal + PRIOR_PSEUDO_COUNTS - yi - alpha))
                    - Math.log((yj + alpha) / (backgroundTotal + PRIOR_PSEUDO_COUNTS - yj - alpha));
            var z = delta / Math.sqrt(1 / (yi + alpha) + 1 / (yj + alpha));
            if (z > 0) {
                scored.add(new Scored(entry.getKey(), yi, z));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::z).reversed().thenComparing(Scored::phrase));
        var chosen = new ArrayList<StyleProfile.Phrase>();
        for (var candidate : scored) {
            if (chosen.size() == TOP) {
                break;
            }
            if (chosen.stream().noneMatch(phrase -> shareContentWord(phrase.text(), candidate.phrase()))) {
                chosen.add(new StyleProfile.Phrase(candidate.phrase(), candidate.count(),
                        Math.round(candidate.z() * 1000) / 1000.0));
            }
        }
        return chosen;
    }

    /** Adds the text's phrases to {@code counts}. */
    private static void count(String text, Map<String, Integer> counts) {
        for (var clause : Prose.sentences(text).stream().flatMap(CLAUSE_BREAK::splitAsStream).toList()) {
            var words = Prose.words(clause).stream()
                    .map(word -> word.toLowerCase(Locale.ROOT).replace('’', '\''))
                    .toList();
            for (var length = 2; length <= 3; length++) {
                for (var from = 0; from + length <= words.size(); from++) {
                    if (!STOP_WORDS.contains(words.get(from)) && !STOP_WORDS.contains(words.get(from + length - 1))) {
                        counts.merge(String.join(" ", words.subList(from, from + length)), 1, Integer::sum);
                    }
                }
            }
        }
    }

    /** Whether two phrases share a content word (a word that is not a stop word). */
    private static boolean shareContentWord(String a, String b) {
        var words = List.of(a.split(" "));
        return Arrays.stream(b.split(" ")).anyMatch(word -> !STOP_WORDS.contains(word) && words.contains(word));
    }

    /** The background corpus's phrase counts, loaded when first needed; the JVM's class initialisation guards it. */
    private static final class Background {
        static final Map<String, Integer> COUNTS;
        static final long TOTAL;

        static {
            var counts = new HashMap<String, Integer>();
            count(text(), counts);
            COUNTS = Map.copyOf(counts);
            TOTAL = counts.values().stream().mapToLong(Integer::longValue).sum();
        }

        private static String text() {
            try (InputStream in = DistinctivePhrases.class.getClassLoader().getResourceAsStream(BACKGROUND_CORPUS)) {
                if (in == null) {
                    throw new IllegalStateException(BACKGROUND_CORPUS + " is missing from the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + BACKGROUND_CORPUS, e);
            }
        }
    }
}
