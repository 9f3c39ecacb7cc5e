package dev.atelier.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.storage.*}: which object store holds Atelier's files. The local store keeps them under
 * {@code ${atelier.data-dir}/objects}.
 *
 * @param type the store's id: {@value LocalFileObjectStore#ID} or {@value S3ObjectStore#ID}
 * @param s3 the bucket, read only when {@code type} is {@value S3ObjectStore#ID}
 * @param accessLogSize how many of the latest reads the {@link ObjectStoreAccessLog} keeps
 */
@ConfigurationProperties("atelier.storage")
record StorageSettings(
        @DefaultValue(LocalFileObjectStore.ID) String type,
        @DefaultValue S3 s3,
        @DefaultValue("10000") int accessLogSize) {

    StorageSettings {
        type = type.strip().toLowerCase(Locale.ROOT);
        if (!type.equals(LocalFileObjectStore.ID) && !type.equals(S3ObjectStore.ID)) {
            throw new IllegalArgumentException("atelier.storage.type must be '" + LocalFileObjectStore.ID + "' or '"
                    + S3ObjectStore.ID + "', was '" + type + "'");
        }
        if (type.equals(S3ObjectStore.ID)) {
            s3.requireComplete();
        }
        if (accessLogSize < 1) {
            throw new IllegalArgumentException("atelier.storage.access-log-size must be positive, was "
                    + accessLogSize);
        }
    }

    /**
     * {@code atelier.storage.s3.*}; application.properties fills these from {@code ATELIER_S3_*}. Blank values
     * count as unset, so an empty environment variable means the same as a missing one.
     *
     * @param endpoint the server's URL for an S3-compatible store (MinIO, Ceph, R2, s3proxy); unset means AWS
     * @param region the signing region; S3-compatible servers mostly accept any
     * @param pathStyle address the bucket as {@code endpoint/bucket/key} rather than {@code bucket.endpoint/key};
     *                  most S3-compatible servers need it, AWS prefers {@code false}
     */
    record S3(
            @Nullable String endpoint,
            @DefaultValue("us-east-1") String region,
            @Nullable String bucket,
            @Nullable String accessKey,
            @Nullable String secretKey,
            @DefaultValue("true") boolean pathStyle) {

        S3 {
            endpoint = blankToNull(endpoint);
            region = region.isBlank() ? "us-east-1" : region.strip();
            bucket = blankToNull(bucket);
            accessKey = blankToNull(accessKey);
            secretKey = blankToNull(secretKey);
        }

        @Nullable URI endpointUri() {
            if (endpoint == null) {
                return null;
            }
            try {
                var uri = new URI(endpoint);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // reported below with the setting's name
            }
            throw new IllegalArgumentException("atelier.storage.s3.endpoint (ATELIER_S3_ENDPOINT) must be an http or "
                    + "https URL such as http://localhost:9000, was '" + endpoint + "'");
        }

        private void requireComplete() {
            List<String> missing = new ArrayList<>();
            if (bucket == null) {
                missing.add("atelier.storage.s3.bucket (ATELIER_S3_BUCKET)");
            }
            if (accessKey == null) {
                missing.add("atelier.storage.s3.access-key (ATELIER_S3_ACCESS_KEY)");
            }
            if (secretKey == null) {
                missing.add("atelier.storage.s3.secret-key (ATELIER_S3_SECRET_KEY)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("atelier.storage.type=s3 needs " + String.join(", ", missing));
            }
            endpointUri();
        }

        @Override
        public String toString() {
            return "S3[endpoint=" + (endpoint == null ? "AWS" : endpoint) + ", region=" + region + ", bucket="
                    + bucket + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? "unset" : "***")
                    + ", pathStyle=" + pathStyle + "]";
        }

        private static @Nullable String blankToNull(@Nullable String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
