package dev.atelier.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.problem.ProblemException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ChatRequestTests {

    private static ChatCompletionsController.ChatRequest parse(String json) {
        return ChatCompletionsController.ChatRequest.parse(JsonMapper.builder().build().readTree(json), 400);
    }

    @Test
    void the_brief_is_the_clients_system_and_user_text_and_options_map_to_the_engine() {
        var request = parse("""
                {"model":"essays-abcd","stream":true,"stream_options":{"include_usage":true},"max_tokens":64,
                 "temperature":0.2,"seed":7,"stop":["END"],
                 "messages":[{"role":"system","content":"Be brief."},{"role":"assistant","content":"ignored"},
                             {"role":"user","content":[{"type":"text","text":"Write a tagline."}]}]}""");
        assertThat(request.model()).isEqualTo("essays-abcd");
        assertThat(request.brief()).isEqualTo("Be brief.\n\nWrite a tagline.");
        assertThat(request.stream()).isTrue();
        assertThat(request.includeUsage()).isTrue();
        assertThat(request.maxTokens()).isEqualTo(64);
        assertThat(request.temperature()).isEqualTo(0.2);
        assertThat(request.seed()).isEqualTo(7);
        assertThat(request.stop()).containsExactly("END");
    }

    @Test
    void bad_requests_are_refused_with_the_reason() {
        assertThatThrownBy(() -> parse("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .isInstanceOf(ProblemException.class).hasMessageContaining("'model' is required");
        assertThatThrownBy(() -> parse("{\"model\":\"m\",\"messages\":[]}"))
                .isInstanceOf(ProblemException.class).hasMessageContaining("non-empty array");
        assertThatThrownBy(() -> parse("{\"model\":\"m\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .isInstanceOf(ProblemException.class).hasMessageContaining("n = 1");
        assertThatThrownBy(() -> parse("{\"model\":\"m\",\"max_tokens\":401,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .isInstanceOf(ProblemException.class).hasMessageContaining("1 to 400");
        assertThatThrownBy(() -> parse("{\"model\":\"m\",\"temperature\":3,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .isInstanceOf(ProblemException.class).hasMessageContaining("temperature");
    }
}
