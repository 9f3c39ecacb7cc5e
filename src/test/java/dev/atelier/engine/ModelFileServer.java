package dev.atelier.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves one file over HTTP on a free localhost port, honouring {@code Range: bytes=N-} with 206 and
 * {@code Content-Range}, and answering 416 for a range that starts at or past the end. It can misbehave on purpose:
 * drop the connection after some bytes of the first response, or ignore ranges as some servers do. It records the
 * {@code Range} header of every request ("" when absent).
 */
final class ModelFileServer implements AutoCloseable {

    static final String PATH = "/models/tiny.gguf";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final byte[] file;
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile long dropFirstResponseAfter = -1;
    private volatile boolean ignoreRanges;

    ModelFileServer(byte[] file) throws IOException {
        this.file = file.clone();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::serve);
        server.start();
    }

    /** The first response declares the whole length but sends only {@code bytes} of it, then closes. */
    ModelFileServer droppingFirstResponseAfter(long bytes) {
        dropFirstResponseAfter = bytes;
        return this;
    }

    ModelFileServer ignoringRanges() {
        ignoreRanges = true;
        return this;
    }

    URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + PATH);
    }

    /** The Range header of each request so far, in order; "" for none. */
    List<String> ranges() {
        return List.copyOf(ranges);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            var first = requests.incrementAndGet() == 1;
            var range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(range == null ? "" : range);
            var from = 0;
            var status = 200;
            if (range != null && !ignoreRanges) {
                var matcher = RANGE.matcher(range);
                if (!matcher.matches()) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                from = Integer.parseInt(matcher.group(1));
                if (from >= file.length) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes */" + file.length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                status = 206;
                exchange.getResponseHeaders().set("Content-Range",
                        "bytes " + from + "-" + (file.length - 1) + "/" + file.length);
            }
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            exchange.sendResponseHeaders(status, file.length - from);
            var body = exchange.getResponseBody();
            if (first && dropFirstResponseAfter >= 0) {
                body.write(file, from, (int) dropFirstResponseAfter);
                body.flush();
                // Closing short of the declared length makes the server drop the connection.
                return;
            }
            body.write(file, from, file.length - from);
        } catch (IOException expectedWhenDropping) {
            // "insufficient bytes written to stream": the connection is closed, which is the point.
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
