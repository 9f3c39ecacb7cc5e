package dev.atelier.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class EngineConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EngineSettings.class)
    @Import(EngineConfiguration.class)
    static class Engines {
    }

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(Engines.class);

    @Test
    void by_default_the_onnx_engine_embeds_with_one_thread_per_processor_in_batches_of_64() {
        context.run(started -> {
            assertThat(started).hasSingleBean(EmbeddingEngine.class);
            assertThat(started.getBean(EmbeddingEngine.class)).isInstanceOf(OnnxEmbeddingEngine.class);
            assertThat(started.getBean(EmbeddingEngine.class).id()).isEqualTo("onnx-bge-small-en-v15-q");
            var settings = started.getBean(EngineSettings.class).embedding();
            assertThat(settings.batchSize()).isEqualTo(64);
            assertThat(settings.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        });
    }

    @Test
    void starting_does_not_load_the_model() {
        context.run(started ->
                assertThat(((OnnxEmbeddingEngine) started.getBean(EmbeddingEngine.class)).loaded()).isFalse());
    }

    @Test
    void an_unknown_engine_id_stops_the_start_and_names_the_known_one() {
        context.withPropertyValues("atelier.engine.embedding.id=openai")
                .run(started -> assertThat(started).getFailure()
                        .rootCause()
                        .hasMessageContaining("no embedding engine is called 'openai'")
                        .hasMessageContaining("onnx-bge-small-en-v15-q"));
    }

    @Test
    void threads_and_batch_size_are_configurable() {
        context.withPropertyValues("atelier.engine.embedding.threads=3", "atelier.engine.embedding.batch-size=8")
                .run(started -> {
                    var settings = started.getBean(EngineSettings.class).embedding();
                    assertThat(settings.threads()).isEqualTo(3);
                    assertThat(settings.batchSize()).isEqualTo(8);
                });
    }
}
