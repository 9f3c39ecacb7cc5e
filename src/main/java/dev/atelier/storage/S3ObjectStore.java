package dev.atelier.storage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Objects in one bucket of AWS S3 or an S3-compatible server, through the AWS SDK v2's synchronous client.
 *
 * <p>A put is one PutObject, which S3 applies atomically; S3 takes up to 5 GB that way, far above what Atelier
 * stores. The SDK streams the content and keeps at most 128 KiB of it for a retry, so a put of a stream is
 * retried only if it fails within its first 128 KiB; a put of a file can always be retried.
 */
final class S3ObjectStore implements ObjectStore, AutoCloseable {

    /** The value of {@code atelier.storage.type} that picks this store. */
    static final String ID = "s3";

    private static final Logger log = LoggerFactory.getLogger(S3ObjectStore.class);

    private static final int MAX_KEYS_PER_DELETE = 1000;
    private static final int BUFFER_SIZE = 64 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String location;
    // Some S3-compatible servers answer DeleteObjects with 501 because of the checksum header the SDK adds
    // (s3proxy 2.6 among them); once seen, single deletes take over. A benign race may try the batch twice.
    private volatile boolean batchDeleteRefused;

    S3ObjectStore(S3Client s3, String bucket, String location) {
        this.s3 = s3;
        this.bucket = bucket;
        this.location = location;
    }

    /** A store over a new client for {@code settings}, which must be complete; creates the bucket if missing. */
    static S3ObjectStore connect(StorageSettings.S3 settings) {
        var client = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(required(settings.accessKey()), required(settings.secretKey()))))
                .forcePathStyle(settings.pathStyle())
                // Since SDK 2.30 the default adds trailing CRC checksums to every upload, which many S3-compatible
                // servers refuse (s3proxy 2.6 among them, gaul/s3proxy#795); WHEN_REQUIRED is the SDK's old behaviour.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // Such servers may also insist on Content-MD5 for DeleteObjects, which the SDK now sends only with
                // this plugin (next to its CRC32, see deleteAll).
                .addPlugin(LegacyMd5Plugin.create());
        var endpoint = settings.endpointUri();
        if (endpoint != null) {
            client.endpointOverride(endpoint);
        }
        var location = endpoint == null ? "AWS region " + settings.region() : endpoint.toString();
        var store = new S3ObjectStore(client.build(), required(settings.bucket()), location);
        try {
            store.createBucketIfMissing(settings.region());
        } catch (RuntimeException e) {
            store.close();
            throw new IllegalStateException("could not reach S3 bucket '" + settings.bucket() + "' at " + location
                    + ": " + e.getMessage(), e);
        }
        return store;
    }

    void createBucketIfMissing(String region) {
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (S3Exception e) {
            if (!(e instanceof NoSuchBucketException) && e.statusCode() != 404) {
                throw e;
            }
            try {
                s3.createBucket(request -> {
                    request.bucket(bucket);
                    // us-east-1 is S3's default location and must not be named as a constraint.
                    if (!region.equals("us-east-1")) {
                        request.createBucketConfiguration(bucketConfiguration ->
                                bucketConfiguration.locationConstraint(region));
                    }
                });
            } catch (BucketAlreadyOwnedByYouException createdMeanwhile) {
                // another node created it between the two calls
            }
        }
    }

    @Override
    public void put(String key, InputStream content, long length, String contentType) {
        ObjectKeys.check(key);
        ExactLengthInputStream exact;
        try {
            exact = ExactLengthInputStream.exactly(content, length, key);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store '" + key + "' in S3 bucket '" + bucket + "'", e);
        }
        try {
            // Markable, so the SDK can retry a put that fails within the first 128 KiB it keeps for that.
            var body = RequestBody.fromInputStream(new BufferedInputStream(exact, BUFFER_SIZE), length);
            s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType).contentLength(length),
                    body);
        } catch (RuntimeException e) {
            // The SDK reports content of the wrong length as whatever its retry ran into next; name the cause.
            var failure = exact.failure();
            if (failure != null) {
                throw new UncheckedIOException("could not store '" + key + "' in S3 bucket '" + bucket + "'",
                        new IOException(failure, e));
            }
            throw e instanceof SdkException sdk ? failure("store", key, sdk) : e;
        }
    }

    @Override
    public void put(String key, Path file, String contentType) {
        ObjectKeys.check(key);
        try {
            s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType),
                    RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failure("store", key, e);
        }
    }

    @Override
    public InputStream open(String key) {
        ObjectKeys.check(key);
        try {
            return s3.getObject(request -> request.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchObject(key);
        } catch (SdkException e) {
            throw failure("open", key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        ObjectKeys.check(key);
        try {
            head(key);
            return true;
        } catch (NoSuchObject e) {
            return false;
        }
    }

    @Override
    public long size(String key) {
        ObjectKeys.check(key);
        return head(key).contentLength();
    }

    @Override
    public void delete(String key) {
        ObjectKeys.check(key);
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public void deletePrefix(String prefix) {
        var folder = ObjectKeys.checkPrefix(prefix) + "/";
        try {
            List<ObjectIdentifier> batch = new ArrayList<>();
            for (var object : s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(folder)).contents()) {
                batch.add(ObjectIdentifier.builder().key(object.key()).build());
                if (batch.size() == MAX_KEYS_PER_DELETE) {
                    deleteAll(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                deleteAll(batch);
            }
        } catch (SdkException e) {
            throw failure("delete everything under", folder, e);
        }
    }

    /** Whether the server refused a batch delete, so that prefix deletes now go one object at a time. */
    boolean deletesOneByOne() {
        return batchDeleteRefused;
    }

    @Override
    public void close() {
        s3.close();
    }

    @Override
    public String toString() {
        return "S3 bucket '" + bucket + "' at " + location;
    }

    private HeadObjectResponse head(String key) {
        try {
            return s3.headObject(request -> request.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchObject(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchObject(key);
            }
            throw failure("look up", key, e);
        } catch (SdkException e) {
            throw failure("look up", key, e);
        }
    }

    private void deleteAll(List<ObjectIdentifier> objects) {
        if (!batchDeleteRefused) {
            try {
                var response = s3.deleteObjects(request -> request.bucket(bucket)
                        .delete(delete -> delete.objects(objects).quiet(true)));
                if (response.hasErrors() && !response.errors().isEmpty()) {
                    var first = response.errors().getFirst();
                    var message = "S3 refused to delete " + response.errors().size() + " objects in bucket '" + bucket
                            + "', the first '" + first.key() + "': " + first.code() + " " + first.message();
                    throw new UncheckedIOException(message, new IOException(message));
                }
                return;
            } catch (S3Exception e) {
                if (e.statusCode() != 501) {
                    throw e;
                }
                batchDeleteRefused = true;
                log.warn("The S3 server of bucket '{}' does not implement DeleteObjects as the SDK sends it ({}); "
                        + "deleting one object per request from now on", bucket, e.getMessage());
            }
        }
        for (var object : objects) {
            s3.deleteObject(request -> request.bucket(bucket).key(object.key()));
        }
    }

    private UncheckedIOException failure(String action, String key, SdkException e) {
        return new UncheckedIOException("could not " + action + " '" + key + "' in S3 bucket '" + bucket + "': "
                + e.getMessage(), new IOException(e));
    }

    private static String required(@Nullable String setting) {
        if (setting == null) {
            throw new IllegalArgumentException("S3 settings are incomplete; StorageSettings checks them first");
        }
        return setting;
    }
}
