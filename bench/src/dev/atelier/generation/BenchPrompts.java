package dev.atelier.generation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;

import dev.atelier.engine.ChatMessage;
import dev.atelier.personalmodel.Exemplars.Exemplar;

/**
 * The package-private prompt code that the runners in {@code dev.atelier.bench} measure or must reproduce exactly.
 * Compiled with the tests (bench sources), never shipped; it only forwards, so what is measured is the real code.
 */
public final class BenchPrompts {

    private BenchPrompts() {
    }

    /**
     * The chat that {@code POST /v1/chat/completions} would send to the text engine for {@code brief} with the
     * published offering {@code slug}: the same retrieval and assembly ({@link Drafts#prompt}), whose retrieval is
     * logged under a fresh id as each API call's is.
     */
    public static List<ChatMessage> apiPrompt(ApplicationContext context, String slug, String brief) {
        var offering = context.getBean(Offerings.class).published(slug);
        return context.getBean(Drafts.class).prompt(offering, brief, UUID.randomUUID());
    }

    /** The application's {@code atelier.generation.exemplar-characters}. */
    public static int exemplarCharacters(ApplicationContext context) {
        return context.getBean(GenerationSettings.class).exemplarCharacters();
    }

    /** {@link Prompt#build}, exactly. */
    public static List<ChatMessage> build(Offering offering, @Nullable Map<String, Object> styleProfile,
                                          List<Exemplar> exemplars, int exemplarCharacters, String brief) {
        return Prompt.build(offering, styleProfile, exemplars, exemplarCharacters, brief);
    }
}
