package dev.atelier.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class IndexConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IndexSettings.class)
    @Import(IndexConfiguration.class)
    static class Indexes {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Indexes.class)
            .withPropertyValues("atelier.data-dir=/srv/atelier");

    @Test
    void indexes_live_under_the_data_directory_and_64_stay_open_by_default() {
        context.run(started -> {
            assertThat(started.getBean(CreatorIndexes.class).root()).isEqualTo(Path.of("/srv/atelier/index"));
            assertThat(started.getBean(IndexSettings.class).maxOpen()).isEqualTo(64);
        });
    }

    @Test
    void the_root_can_be_set_on_its_own() {
        context.withPropertyValues("atelier.index.root=/mnt/fast/indexes")
                .run(started -> assertThat(started.getBean(CreatorIndexes.class).root())
                        .isEqualTo(Path.of("/mnt/fast/indexes")));
    }

    @Test
    void at_least_one_index_must_be_allowed_open() {
        context.withPropertyValues("atelier.index.max-open=0")
                .run(started -> assertThat(started).getFailure().rootCause()
                        .hasMessage("atelier.index.max-open must be positive, was 0"));
    }
}
