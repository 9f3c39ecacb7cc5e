package dev.atelier.index;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IndexConfiguration {

    @Bean
    CreatorIndexes creatorIndexes(IndexSettings settings, @Value("${atelier.data-dir}") Path dataDir) {
        return new CreatorIndexes(settings.rootUnder(dataDir), settings.maxOpen());
    }
}
