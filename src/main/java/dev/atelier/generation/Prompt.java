package dev.atelier.generation;

import dev.atelier.engine.ChatMessage;
import dev.atelier.personalmodel.Exemplars.Exemplar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the chat a creator's model answers: a system message that states who writes, the creator's measured style,
 * the offering's guidance and passages of the creator's own work, then the client's brief as the user's message.
 *
 * <p>The brief is a client's words and is framed as data: it is quoted as the request, never merged into the
 * instructions.
 */
final class Prompt {

    private Prompt() {
    }

    static List<ChatMessage> build(Offering offering, @Nullable Map<String, Object> styleProfile,
                                   List<Exemplar> exemplars, int exemplarCharacters, String brief) {
        var system = new StringBuilder(512 + exemplars.size() * exemplarCharacters);
        system.append("You write as ").append(offering.creatorName())
                .append(", a freelance creator, for the offering \"").append(offering.title()).append("\". ")
                .append("Write only the requested piece, in the creator's voice, with no preamble.\n");
        var style = styleLine(styleProfile);
        if (!style.isEmpty()) {
            system.append("\nThe creator's style: ").append(style).append('\n');
        }
        if (!offering.guidance().isBlank()) {
            system.append("\nThe creator's guidance for this offering:\n").append(offering.guidance()).append('\n');
        }
        if (!exemplars.isEmpty()) {
            system.append("\nPassages from the creator's own work, for voice and style only:\n");
            for (var exemplar : exemplars) {
                var text = exemplar.text().strip();
                system.append("---\n")
                        .append(text.length() > exemplarCharacters ? text.substring(0, exemplarCharacters) : text)
                        .append('\n');
            }
            system.append("---\n");
        }
        return List.of(ChatMessage.system(system.toString()),
                ChatMessage.user("The client's brief:\n" + brief.strip()));
    }

    /** A sentence about the measured text style, or nothing when the version has no text profile. */
    @SuppressWarnings("unchecked")
    static String styleLine(@Nullable Map<String, Object> styleProfile) {
        if (styleProfile == null || !(styleProfile.get("text") instanceof Map<?, ?> text)) {
            return "";
        }
        var parts = new StringBuilder();
        if (text.get("meanSentenceWords") instanceof Number words) {
            parts.append(String.format(Locale.ROOT, "sentences of about %.0f words", words.doubleValue()));
        }
        if (text.get("fleschReadingEase") instanceof Number ease) {
            parts.append(parts.isEmpty() ? "" : "; ").append(ease.doubleValue() >= 60 ? "plain, easy reading"
                    : ease.doubleValue() >= 30 ? "fairly demanding reading" : "dense, academic reading");
        }
        if (text.get("distinctivePhrases") instanceof List<?> phrases && !phrases.isEmpty()) {
            var named = phrases.stream().limit(5)
                    .map(phrase -> phrase instanceof Map<?, ?> map ? String.valueOf(map.get("text")) : "")
                    .filter(phrase -> !phrase.isBlank())
                    .map(phrase -> "\"" + phrase + "\"")
                    .toList();
            if (!named.isEmpty()) {
                parts.append(parts.isEmpty() ? "" : "; ").append("characteristic phrases ")
                        .append(String.join(", ", named));
            }
        }
        return parts.isEmpty() ? "" : parts + ".";
    }
}
