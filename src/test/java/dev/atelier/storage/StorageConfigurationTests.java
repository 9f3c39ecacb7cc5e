package dev.atelier.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Which store the configuration makes from {@code atelier.storage.*}, without the rest of the application. */
class StorageConfigurationTests {

    /** The lines application.properties carries for this module, so that {@code ATELIER_S3_*} reach the settings. */
    static final String[] APPLICATION_PROPERTIES = {
            "atelier.storage.type=${ATELIER_STORAGE_TYPE:local}",
            "atelier.storage.s3.endpoint=${ATELIER_S3_ENDPOINT:}",
            "atelier.storage.s3.region=${ATELIER_S3_REGION:us-east-1}",
            "atelier.storage.s3.bucket=${ATELIER_S3_BUCKET:}",
            "atelier.storage.s3.access-key=${ATELIER_S3_ACCESS_KEY:}",
            "atelier.storage.s3.secret-key=${ATELIER_S3_SECRET_KEY:}",
            "atelier.storage.s3.path-style=${ATELIER_S3_PATH_STYLE:true}",
    };

    @TempDir
    Path dataDir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StorageSettings.class)
    static class Settings {
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(Settings.class, StorageConfiguration.class)
                .withBean(Clock.class, Clock::systemUTC)
                .withPropertyValues("atelier.data-dir=" + dataDir);
    }

    @Test
    void local_files_under_the_data_dir_are_the_default() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(ObjectStore.class).hasSingleBean(ObjectStoreAccessLog.class);
            var store = (RecordingObjectStore) context.getBean(ObjectStore.class);
            assertThat(store.backend()).isInstanceOfSatisfying(LocalFileObjectStore.class, local ->
                    assertThat(local.root()).isEqualTo(dataDir.resolve("objects").toAbsolutePath()));

            store.put("creators/a/works/1/original", new ByteArrayInputStream(new byte[] {7}), 1, "text/plain");
            store.open("creators/a/works/1/original").close();
            assertThat(context.getBean(ObjectStoreAccessLog.class).readsUnder("creators/a")).hasSize(1);
        });
    }

    @Test
    void unset_ATELIER_S3_variables_leave_the_local_default_in_place() {
        runner().withPropertyValues(APPLICATION_PROPERTIES).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(((RecordingObjectStore) context.getBean(ObjectStore.class)).backend())
                    .isInstanceOf(LocalFileObjectStore.class);
        });
    }

    @Test
    void s3_without_its_settings_stops_the_start_naming_each_missing_one() {
        runner().withPropertyValues(APPLICATION_PROPERTIES)
                .withSystemProperties("ATELIER_STORAGE_TYPE=s3", "ATELIER_S3_BUCKET=atelier")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("atelier.storage.type=s3 needs "
                                + "atelier.storage.s3.access-key (ATELIER_S3_ACCESS_KEY), "
                                + "atelier.storage.s3.secret-key (ATELIER_S3_SECRET_KEY)"));
    }

    @Test
    void an_endpoint_that_is_not_a_url_stops_the_start() {
        runner().withPropertyValues("atelier.storage.type=s3", "atelier.storage.s3.endpoint=localhost:9000",
                        "atelier.storage.s3.bucket=atelier", "atelier.storage.s3.access-key=key",
                        "atelier.storage.s3.secret-key=secret")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessage("atelier.storage.s3.endpoint (ATELIER_S3_ENDPOINT) must be an http or https URL "
                                + "such as http://localhost:9000, was 'localhost:9000'"));
    }

    @Test
    void an_unknown_store_type_stops_the_start() {
        runner().withPropertyValues("atelier.storage.type=gcs")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessage("atelier.storage.type must be 'local' or 's3', was 'gcs'"));
    }

    @Test
    void ATELIER_S3_variables_configure_an_s3_store_that_works() throws Exception {
        try (var server = LocalS3Server.start()) {
            runner().withPropertyValues(APPLICATION_PROPERTIES)
                    .withSystemProperties("ATELIER_STORAGE_TYPE=s3", "ATELIER_S3_ENDPOINT=" + server.endpoint(),
                            "ATELIER_S3_BUCKET=atelier-configured", "ATELIER_S3_ACCESS_KEY=" + LocalS3Server.ACCESS_KEY,
                            "ATELIER_S3_SECRET_KEY=" + LocalS3Server.SECRET_KEY)
                    .run(context -> {
                        var store = (RecordingObjectStore) context.getBean(ObjectStore.class);
                        assertThat(store.backend()).isInstanceOf(S3ObjectStore.class);

                        store.put("creators/a/works/1/original", new ByteArrayInputStream(new byte[] {7}), 1,
                                "text/plain");
                        assertThat(store.size("creators/a/works/1/original")).isEqualTo(1);
                    });
        }
    }

    @Test
    void the_secret_key_never_shows_in_the_settings_text() {
        var s3 = new StorageSettings.S3("http://localhost:9000", "us-east-1", "atelier", "key", "very-secret", true);

        assertThat(s3.toString()).doesNotContain("very-secret").contains("secretKey=***");
    }
}
