package dev.atelier.storage;

import java.nio.file.Path;
import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the one {@link ObjectStore} bean from {@code atelier.storage.type}, wrapped so that its reads reach the
 * {@link ObjectStoreAccessLog} and Micrometer. An S3 store checks its bucket while the application starts, so
 * wrong settings stop the start rather than the first upload.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean
    ObjectStoreAccessLog objectStoreAccessLog(StorageSettings settings, Clock clock) {
        return new ObjectStoreAccessLog(settings.accessLogSize(), clock);
    }

    @Bean
    ObjectStore objectStore(StorageSettings settings, @Value("${atelier.data-dir:./data}") Path dataDir,
                            ObjectStoreAccessLog accessLog, ObjectProvider<MeterRegistry> meters) {
        var store = switch (settings.type()) {
            case LocalFileObjectStore.ID -> {
                if (settings.s3().bucket() != null || settings.s3().endpoint() != null) {
                    log.warn("S3 settings are present but atelier.storage.type is '{}'; set ATELIER_STORAGE_TYPE=s3 "
                            + "to use them", settings.type());
                }
                yield new LocalFileObjectStore(dataDir.resolve("objects"));
            }
            case S3ObjectStore.ID -> S3ObjectStore.connect(settings.s3());
            default -> throw new IllegalStateException("no object store has the id '" + settings.type() + "'");
        };
        log.info("Objects are stored in {}", store);
        // Without a registry (slices and runners without actuator) an empty composite counts into nothing.
        return new RecordingObjectStore(store, settings.type(), accessLog,
                meters.getIfAvailable(CompositeMeterRegistry::new));
    }
}
