package dev.atelier.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local HTTP server that answers {@code POST /v1/chat/completions} the way OpenAI does when asked to stream: Server-Sent
 * Events of {@code chat.completion.chunk} objects, a usage chunk, then {@code data: [DONE]}. It replays a scripted
 * answer and keeps what it was asked, so tests can check both sides of the protocol.
 */
final class OpenAiServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private volatile Answer answer = Answer.stream(List.of("Hello"), "stop", null);
    private volatile @Nullable JsonNode lastRequest;
    private volatile @Nullable String lastAuthorization;
    private volatile CountDownLatch clientLeft = new CountDownLatch(1);

    /**
     * What the server answers next.
     *
     * @param status the HTTP status; anything but 200 sends {@code error} as an OpenAI error object
     * @param pieces the content deltas, one chunk each
     * @param finishReason the last chunk's {@code finish_reason}
     * @param usage prompt and completion tokens for the usage chunk; null sends none
     * @param pause how long to wait before each chunk
     */
    record Answer(int status, String error, List<String> pieces, String finishReason, int @Nullable [] usage,
                  Duration pause) {

        static Answer stream(List<String> pieces, String finishReason, int @Nullable [] usage) {
            return new Answer(200, "", pieces, finishReason, usage, Duration.ZERO);
        }

        static Answer failure(int status, String error) {
            return new Answer(status, error, List.of(), "", null, Duration.ZERO);
        }

        Answer slowly(Duration pause) {
            return new Answer(status, error, pieces, finishReason, usage, pause);
        }
    }

    OpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/v1/chat/completions", this::answer);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    void willAnswer(Answer next) {
        answer = next;
        clientLeft = new CountDownLatch(1);
    }

    /** The body of the last request, parsed. */
    JsonNode lastRequest() {
        var request = lastRequest;
        if (request == null) {
            throw new IllegalStateException("no request yet");
        }
        return request;
    }

    @Nullable String lastAuthorization() {
        return lastAuthorization;
    }

    /** Counts down when writing to the client fails because it closed the connection. */
    CountDownLatch clientLeft() {
        return clientLeft;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void answer(HttpExchange exchange) throws IOException {
        var current = answer;
        var left = clientLeft;
        try (exchange) {
            lastRequest = JSON.readTree(exchange.getRequestBody().readAllBytes());
            lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (current.status() != 200) {
                var error = JSON.writeValueAsBytes(Map.of("error", Map.of("message", current.error(),
                        "type", "invalid_request_error")));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(current.status(), error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            var body = exchange.getResponseBody();
            var model = lastRequest().get("model").asString();
            send(body, chunk(model, delta("role", "assistant", "content", ""), null));
            for (var piece : current.pieces()) {
                Thread.sleep(current.pause());
                send(body, chunk(model, delta("content", piece), null));
            }
            send(body, chunk(model, JSON.createObjectNode(), current.finishReason()));
            if (current.usage() != null) {
                var usage = JSON.createObjectNode()
                        .put("prompt_tokens", current.usage()[0])
                        .put("completion_tokens", current.usage()[1])
                        .put("total_tokens", current.usage()[0] + current.usage()[1]);
                var last = chunk(model, null, null);
                last.set("usage", usage);
                send(body, last);
            }
            body.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            body.flush();
        } catch (IOException clientClosed) {
            left.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode chunk(String model, @Nullable ObjectNode delta, @Nullable String finishReason) {
        var chunk = JSON.createObjectNode()
                .put("id", "chatcmpl-test")
                .put("object", "chat.completion.chunk")
                .put("created", 1_764_000_000L)
                .put("model", model);
        var choices = chunk.putArray("choices");
        if (delta != null) {
            var choice = choices.addObject().put("index", 0);
            choice.set("delta", delta);
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private static ObjectNode delta(String... fields) {
        var delta = JSON.createObjectNode();
        for (var i = 0; i < fields.length; i += 2) {
            delta.put(fields[i], fields[i + 1]);
        }
        return delta;
    }

    private static void send(OutputStream body, ObjectNode chunk) throws IOException {
        body.write(("data: " + JSON.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
        body.flush();
    }
}
