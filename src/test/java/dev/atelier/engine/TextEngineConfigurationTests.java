package dev.atelier.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** {@code atelier.engine.text.*}: which text engine the application gets, and the messages for bad settings. */
class TextEngineConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EngineSettings.class)
    @Import(EngineConfiguration.class)
    static class Engines {
    }

    @TempDir
    Path data;

    private ApplicationContextRunner context() {
        return new ApplicationContextRunner().withUserConfiguration(Engines.class)
                .withPropertyValues("atelier.data-dir=" + data);
    }

    @Test
    void by_default_llama_cpp_serves_with_two_slots_sharing_8192_tokens_and_one_thread_per_processor() {
        context().run(started -> {
            assertThat(started.getBean(TextEngine.class)).isInstanceOf(LlamaCppTextEngine.class);
            var text = started.getBean(EngineSettings.class).text();
            assertThat(text.id()).isEqualTo("llama-cpp");
            assertThat(text.model()).isNull();
            assertThat(text.contextSize()).isEqualTo(8192);
            assertThat(text.slots()).isEqualTo(2);
            assertThat(text.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(text.timeout()).isEqualTo(Duration.ofMinutes(2));
        });
    }

    @Test
    void without_a_model_the_application_starts_and_the_engine_says_where_models_go() {
        context().run(started -> {
            assertThat(started).hasNotFailed();
            var status = started.getBean(TextEngine.class).status();
            assertThat(status.available()).isFalse();
            assertThat(status.message()).startsWith("No text model is installed.")
                    .contains("(it lands in " + data.resolve("models").toAbsolutePath() + ")");
        });
    }

    @Test
    void a_configured_model_is_not_loaded_at_start_and_is_freed_when_the_context_closes() {
        context().withPropertyValues("atelier.engine.text.model=" + TinyGguf.path(), "atelier.engine.text.slots=1",
                        "atelier.engine.text.context-size=512")
                .run(started -> {
                    var engine = (LlamaCppTextEngine) started.getBean(TextEngine.class);
                    assertThat(engine.loaded()).isFalse();
                    assertThat(engine.status().available()).isTrue();

                    engine.complete(CompletionRequest.of(List.of(ChatMessage.user("Hi"))).withMaxTokens(2));
                    assertThat(engine.loaded()).isTrue();

                    started.close();
                    assertThat(engine.loaded()).isFalse();
                });
    }

    @Test
    void none_starts_without_a_text_engine_and_says_how_to_configure_one() {
        context().withPropertyValues("atelier.engine.text.id=none").run(started -> {
            var engine = started.getBean(TextEngine.class);
            var status = engine.status();
            assertThat(status.available()).isFalse();
            assertThat(status.engine()).isEqualTo("none");
            assertThat(status.message()).startsWith("No text engine is configured (atelier.engine.text.id=none).")
                    .contains("atelier.engine.text.id=llama-cpp", "models pull",
                            data.resolve("models").toAbsolutePath().toString(), "atelier.engine.text.id=openai");
            assertThatThrownBy(() -> engine.complete(CompletionRequest.of(List.of(ChatMessage.user("Hi")))))
                    .isInstanceOf(TextEngineUnavailable.class)
                    .hasMessage(status.message());
        });
    }

    @Test
    void openai_without_a_server_or_model_names_what_is_missing() {
        context().withPropertyValues("atelier.engine.text.id=openai").run(started -> {
            var status = started.getBean(TextEngine.class).status();
            assertThat(status.available()).isFalse();
            assertThat(status.engine()).isEqualTo("openai");
            assertThat(status.message()).startsWith("atelier.engine.text.id=openai needs "
                    + "atelier.engine.text.openai.base-url (ATELIER_OPENAI_BASE_URL) and "
                    + "atelier.engine.text.openai.model (ATELIER_OPENAI_MODEL),");
        });
        context().withPropertyValues("atelier.engine.text.id=openai",
                        "atelier.engine.text.openai.base-url=http://localhost:8000/v1")
                .run(started -> assertThat(started.getBean(TextEngine.class).status().message())
                        .startsWith("atelier.engine.text.id=openai needs atelier.engine.text.openai.model "
                                + "(ATELIER_OPENAI_MODEL),"));
    }

    @Test
    void openai_with_a_server_and_model_sends_completions_there() {
        context().withPropertyValues("atelier.engine.text.id=OpenAI",
                        "atelier.engine.text.openai.base-url=http://localhost:8000/v1",
                        "atelier.engine.text.openai.model=Qwen/Qwen2.5-1.5B-Instruct",
                        "atelier.engine.text.openai.api-key=")
                .run(started -> {
                    assertThat(started.getBean(TextEngine.class)).isInstanceOf(OpenAiCompatibleTextEngine.class);
                    var status = started.getBean(TextEngine.class).status();
                    assertThat(status.available()).isTrue();
                    assertThat(status.model()).isEqualTo("Qwen/Qwen2.5-1.5B-Instruct");
                    assertThat(started.getBean(EngineSettings.class).text().openai().apiKey()).isNull();
                });
    }

    @Test
    void blank_settings_count_as_unset() {
        context().withPropertyValues("atelier.engine.text.model= ", "atelier.engine.text.openai.base-url=")
                .run(started -> {
                    assertThat(started.getBean(EngineSettings.class).text().model()).isNull();
                    assertThat(started.getBean(EngineSettings.class).text().openai().baseUrl()).isNull();
                });
    }

    @Test
    void an_unknown_engine_id_stops_the_start_and_names_the_known_ones() {
        assertStartFails("atelier.engine.text.id=ollama",
                "atelier.engine.text.id (ATELIER_TEXT_ENGINE) must be 'llama-cpp', 'openai' or 'none', was 'ollama'");
    }

    @Test
    void impossible_limits_stop_the_start_with_the_setting_and_the_value() {
        assertStartFails("atelier.engine.text.slots=0", "atelier.engine.text.slots must be positive, was 0");
        assertStartFails("atelier.engine.text.context-size=200",
                "atelier.engine.text.context-size must give each of the 2 slots at least 128 tokens, so at least 256,"
                        + " was 200");
        assertStartFails("atelier.engine.text.threads=-1",
                "atelier.engine.text.threads must be 0 (one per processor) or more, was -1");
        assertStartFails("atelier.engine.text.timeout=0s", "atelier.engine.text.timeout must be positive, was PT0S");
        assertStartFails("atelier.engine.text.openai.base-url=localhost:8000",
                "atelier.engine.text.openai.base-url (ATELIER_OPENAI_BASE_URL) must be an http or https URL such as "
                        + "http://localhost:8000/v1, was 'localhost:8000'");
    }

    private void assertStartFails(String property, String message) {
        context().withPropertyValues(property)
                .run(started -> assertThat(started).getFailure().rootCause().hasMessage(message));
    }
}
