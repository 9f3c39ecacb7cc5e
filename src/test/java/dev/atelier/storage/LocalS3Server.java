package dev.atelier.storage;

import java.net.URI;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server for tests: s3proxy on a free localhost port over jclouds' in-memory "transient" blob store,
 * checking AWS signatures (V2 or V4) against {@link #ACCESS_KEY} and {@link #SECRET_KEY}. As shipped, s3proxy 2.6
 * refuses request headers it does not know, such as the CRC32 checksum the SDK adds to DeleteObjects; a lenient
 * server ignores them, as AWS and most S3-compatible servers do.
 */
final class LocalS3Server implements AutoCloseable {

    static final String ACCESS_KEY = "atelier-test";
    static final String SECRET_KEY = "atelier-test-secret";

    private final BlobStoreContext blobs;
    private final S3Proxy proxy;

    private LocalS3Server(BlobStoreContext blobs, S3Proxy proxy) {
        this.blobs = blobs;
        this.proxy = proxy;
    }

    static LocalS3Server start() throws Exception {
        return start(false);
    }

    static LocalS3Server lenient() throws Exception {
        return start(true);
    }

    private static LocalS3Server start(boolean ignoreUnknownHeaders) throws Exception {
        BlobStoreContext blobs = ContextBuilder.newBuilder("transient")
                .credentials("unused", "unused")
                .build(BlobStoreContext.class);
        var proxy = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(ignoreUnknownHeaders)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            blobs.close();
            throw e;
        }
        return new LocalS3Server(blobs, proxy);
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    StorageSettings.S3 settings(String bucket) {
        return new StorageSettings.S3(endpoint(), "us-east-1", bucket, ACCESS_KEY, SECRET_KEY, true);
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            blobs.close();
        }
    }
}
