package dev.atelier.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.engine.ChatMessage;
import dev.atelier.identity.CreatorId;
import dev.atelier.ledger.Money;
import dev.atelier.personalmodel.Exemplars.Exemplar;
import dev.atelier.personalmodel.ModelVersionId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PromptTests {

    static Offering offering(String guidance) {
        return new Offering(UUID.randomUUID(), new CreatorId(UUID.randomUUID()), "Ada Writer", "essays-abcd",
                ModelVersionId.random(), "Brand essays", Offering.OutputKind.TEXT, "Essays.", guidance,
                Pricing.PER_GENERATION, Money.of(500, "USD"), 3, false, "terms", Offering.Status.PUBLISHED,
                Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void the_prompt_carries_the_creator_the_style_the_guidance_and_the_exemplars_and_the_brief_as_the_request() {
        var profile = Map.<String, Object>of("text", Map.of("meanSentenceWords", 14.2, "fleschReadingEase", 65.0,
                "distinctivePhrases", List.of(Map.of("text", "plain words"), Map.of("text", "small brands"))));
        var messages = Prompt.build(offering("Two paragraphs, no jargon."), profile,
                List.of(new Exemplar("w:0", UUID.randomUUID().toString(), "An exemplar passage.", 1f)),
                1_200, "  Write about clarity.  ");

        assertThat(messages).hasSize(2);
        assertThat(messages.getFirst().role()).isEqualTo(ChatMessage.Role.SYSTEM);
        assertThat(messages.getFirst().content()).contains("Ada Writer").contains("sentences of about 14 words")
                .contains("plain, easy reading").contains("\"plain words\"").contains("Two paragraphs, no jargon.")
                .contains("An exemplar passage.");
        assertThat(messages.get(1)).isEqualTo(ChatMessage.user("The client's brief:\nWrite about clarity."));
    }

    @Test
    void long_exemplars_are_cut_and_a_version_without_a_text_profile_adds_no_style_line() {
        var messages = Prompt.build(offering(""), null,
                List.of(new Exemplar("w:0", UUID.randomUUID().toString(), "x".repeat(5_000), 1f)), 300, "brief");
        assertThat(messages.getFirst().content()).doesNotContain("style:").doesNotContain("guidance")
                .contains("x".repeat(300)).doesNotContain("x".repeat(301));
    }
}
