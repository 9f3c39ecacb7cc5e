package dev.atelier.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Calls a running Atelier over real HTTP with the JDK's client, as an outside caller does: people sign up, then
 * authenticate with an API key they created (the admin with HTTP Basic). Thread-safe.
 */
final class HttpApi {

    /** Someone signed up, with the API key they created. */
    record Actor(String id, String email, String password, String apiKey) {
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final ObjectMapper json;
    private final String adminEmail;
    private final String adminPassword;

    HttpApi(URI base, ObjectMapper json, String adminEmail, String adminPassword) {
        this.base = base;
        this.json = json;
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
    }

    /** A plain request with this actor's API key, for callers that time it themselves. */
    HttpRequest.Builder request(Actor actor, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + actor.apiKey());
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    JsonNode read(String body) {
        return json.readTree(body);
    }

    String write(Object value) {
        return json.writeValueAsString(value);
    }

    Actor signUp(String role) throws Exception {
        var email = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@bench.test";
        var password = "password-" + UUID.randomUUID();
        var created = call(HttpRequest.newBuilder(base.resolve("/api/accounts")), "POST", Map.of("email", email,
                "password", password, "displayName", "Bench " + role.toLowerCase(), "role", role), 201);
        return withKey(created.get("id").asString(), email, password);
    }

    /** A creator who is vetted, has {@code funds} (minor units) and a paid subscription: AI features are on. */
    Actor entitledCreator(long funds) throws Exception {
        var creator = signUp("CREATOR");
        call(request(creator, "/api/vetting/application"), "PUT", Map.of("headline", "Brand copywriter",
                "categories", java.util.List.of("copywriting"),
                "portfolioLinks", java.util.List.of("https://example.test/work"),
                "statement", "I write brand copy for small climate companies and have done so for a decade."), 200);
        call(admin("/api/vetting/applications/" + creator.id() + "/decision"), "POST",
                Map.of("decision", "APPROVE"), 200);
        topUp(creator, funds);
        call(request(creator, "/api/subscription").header("Idempotency-Key", "bench-" + UUID.randomUUID()), "POST",
                null, 201);
        return creator;
    }

    void topUp(Actor who, long amountMinor) throws Exception {
        call(admin("/api/ledger/top-ups").header("Idempotency-Key", UUID.randomUUID().toString()), "POST",
                Map.of("email", who.email(), "amountMinor", amountMinor), 201);
    }

    /** Uploads plain-text works with "I own these" ticked, which turns training consent on. */
    void uploadTexts(Actor creator, Map<String, String> textsByFileName) throws Exception {
        var boundary = "bench-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        textsByFileName.forEach((name, text) -> body.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"files\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"ownership\"\r\n\r\ntrue\r\n--"
                + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var request = request(creator, "/api/portfolio/works")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        expect(send(request), 201);
    }

    /** Starts a training and waits until it has succeeded. */
    void train(Actor creator) throws Exception {
        var jobId = call(request(creator, "/api/model/trainings"), "POST", null, 201).get("id").asString();
        var deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            var job = call(request(creator, "/api/model/trainings/" + jobId), "GET", null, 200);
            var status = job.get("status").asString();
            if (status.equals("SUCCEEDED")) {
                return;
            }
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                throw new IllegalStateException("training " + jobId + " ended " + status + ": " + job);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("training " + jobId + " did not finish within " + TIMEOUT);
    }

    /** Publishes an offering of the creator's active model version; returns it, with its slug. */
    JsonNode publish(Actor creator, Map<String, Object> draft) throws Exception {
        return call(request(creator, "/api/offerings"), "POST", draft, 201);
    }

    private HttpRequest.Builder admin(String path) {
        var basic = Base64.getEncoder().encodeToString((adminEmail + ":" + adminPassword)
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Authorization", "Basic " + basic);
    }

    private Actor withKey(String id, String email, String password) throws Exception {
        var basic = Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
        var key = call(HttpRequest.newBuilder(base.resolve("/api/api-keys")).header("Authorization", "Basic " + basic),
                "POST", Map.of("name", "bench"), 201);
        return new Actor(id, email, password, key.get("secret").asString());
    }

    private JsonNode call(HttpRequest.Builder request, String method, @Nullable Object body, int expected)
            throws Exception {
        var publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(write(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        var response = send(request.timeout(TIMEOUT).method(method, publisher).build());
        expect(response, expected);
        return response.body().isBlank() ? json.createObjectNode() : read(response.body());
    }

    private static void expect(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " (expected " + expected + "): " + response.body());
        }
    }
}
