package dev.atelier.index;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.index.*}.
 *
 * @param root where the indexes live; unset means {@code index} under {@code atelier.data-dir}
 * @param maxOpen how many indexes stay open at once; the least recently used beyond this are closed
 */
@ConfigurationProperties("atelier.index")
record IndexSettings(@Nullable Path root, @DefaultValue("64") int maxOpen) {

    IndexSettings {
        if (maxOpen < 1) {
            throw new IllegalArgumentException("atelier.index.max-open must be positive, was " + maxOpen);
        }
    }

    Path rootUnder(Path dataDir) {
        return root != null ? root : dataDir.resolve("index");
    }
}
