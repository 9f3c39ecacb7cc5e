package dev.atelier.generation;

import dev.atelier.engine.Cancellation;
import dev.atelier.engine.Completion;
import dev.atelier.engine.CompletionRequest;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The OpenAI-compatible API: {@code GET /v1/models} lists the published offerings (their slugs are the model ids),
 * {@code POST /v1/chat/completions} writes with one, billed at its price. Responses follow OpenAI's shapes, with an
 * {@code atelier} member (and headers) naming the licence and the manifest; errors are RFC 7807 problems that also
 * carry OpenAI's {@code error} member, so both kinds of client understand them.
 */
@RestController
@RequestMapping("/v1")
@Tag(name = "OpenAI-compatible API", description = "Call a creator's personal model with any OpenAI client")
class ChatCompletionsController {

    static final String LICENCE_HEADER = "Atelier-Licence-Id";
    static final String MANIFEST_HEADER = "Atelier-Manifest";

    private final Offerings offerings;
    private final ApiCalls calls;
    private final GenerationSettings settings;
    private final ObjectMapper json;

    ChatCompletionsController(Offerings offerings, ApiCalls calls, GenerationSettings settings, ObjectMapper json) {
        this.offerings = offerings;
        this.calls = calls;
        this.settings = settings;
        this.json = json;
    }

    @GetMapping("/models")
    @Operation(summary = "The offerings you can call, as OpenAI models")
    Map<String, Object> models(@AuthenticationPrincipal SignedInAccount me) {
        var data = offerings.catalogue(Offerings.CatalogueQuery.all(), 1_000).stream()
                .filter(offering -> !offering.creator().value().equals(me.id().value()))
                .filter(offering -> !offering.reviewBeforeRelease())
                .map(offering -> {
                    var model = new LinkedHashMap<String, Object>();
                    model.put("id", offering.slug());
                    model.put("object", "model");
                    model.put("created", offering.createdAt().getEpochSecond());
                    model.put("owned_by", offering.creatorName());
                    model.put("atelier", Map.of("title", offering.title(), "price", offering.priceLabel(),
                            "description", offering.description()));
                    return model;
                })
                .toList();
        return Map.of("object", "list", "data", data);
    }

    @PostMapping("/chat/completions")
    @Operation(summary = "Write with a creator's model; billed at the offering's price. stream=true sends OpenAI "
            + "chunks as server-sent events")
    ResponseEntity<StreamingResponseBody> complete(@AuthenticationPrincipal SignedInAccount me,
                                                   @RequestBody JsonNode body,
                               @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key) {
        var request = ChatRequest.parse(body, settings.maxTokens());
        var offering = offerings.findBySlug(request.model()).filter(Offering::isPublished).orElseThrow(() ->
                new ProblemException(HttpStatus.NOT_FOUND, "No such model", "No published offering is called '"
                        + request.model() + "'. GET /v1/models lists the ones you can call."));
        if (offering.reviewBeforeRelease()) {
            throw ProblemException.conflict("Reviewed before release", "The creator reviews every sale of '"
                    + offering.title() + "' before releasing it, so it cannot answer an API call at once. Buy it "
                    + "through a preview at /o/" + offering.slug() + ".");
        }
        if (key != null && !request.stream()) {
            var replayed = calls.replay(me, key);
            if (replayed.isPresent()) {
                return completion(replayed.get()).header("Idempotent-Replayed", "true")
                        .body(json(body(request, replayed.get())));
            }
        }
        var hold = calls.hold(me.id(), offering, request.maxTokens(), key);
        var cancellation = new Cancellation();
        var drafting = new Drafts.Request(1, request.maxTokens(), request.temperature(), request.seed(),
                request.stop(), cancellation);
        if (!request.stream()) {
            var call = calls.run(hold, request.brief(), drafting, false, Drafts.Listener.NONE);
            return completion(call).body(json(body(request, call)));
        }
        StreamingResponseBody stream = out -> streamTo(out, request, hold, drafting, cancellation);
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache").body(stream);
    }

    private void streamTo(OutputStream out, ChatRequest request, ApiCalls.Hold hold, Drafts.Request drafting,
                          Cancellation cancellation) {
        var id = "chatcmpl-" + hold.callId();
        var created = System.currentTimeMillis() / 1000;
        send(out, chunk(id, created, request.model(), Map.of("role", "assistant", "content", ""), null), cancellation);
        try {
            var call = calls.run(hold, request.brief(), drafting, true, new Drafts.Listener() {
                @Override
                public void wrote(int candidate, int tokens, String piece) {
                    send(out, chunk(id, created, request.model(), Map.of("content", piece), null), cancellation);
                }
            });
            var last = chunk(id, created, request.model(), Map.of(), finishReason(call.draft().finishReason()));
            last.put("atelier", atelier(call));
            send(out, last, cancellation);
            if (request.includeUsage()) {
                var usage = chunk(id, created, request.model(), Map.of(), null);
                usage.put("choices", List.of());
                usage.put("usage", usage(call));
                send(out, usage, cancellation);
            }
        } catch (ProblemException e) {
            send(out, Map.of("error", openAiError(e.getStatusCode().value(), e.detail())), cancellation);
        }
        write(out, "data: [DONE]\n\n");
    }

    /** Writes one event; when the client has gone, cancels the generation (what was written is still billed). */
    private void send(OutputStream out, Object data, Cancellation cancellation) {
        try {
            write(out, "data: " + json.writeValueAsString(data) + "\n\n");
        } catch (UncheckedIOException e) {
            cancellation.cancel();
        }
    }

    private static void write(OutputStream out, String event) {
        try {
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> chunk(String id, long created, String model, Map<String, Object> delta,
                                             @Nullable String finishReason) {
        var choice = new LinkedHashMap<String, Object>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("finish_reason", finishReason);
        var chunk = new LinkedHashMap<String, Object>();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        chunk.put("choices", List.of(choice));
        return chunk;
    }

    /**
     * A JSON body written by the streaming return value handler: one return type serves both kinds of response,
     * and a handler method cannot declare two.
     */
    private StreamingResponseBody json(Object body) {
        var bytes = json.writeValueAsBytes(body);
        return out -> out.write(bytes);
    }

    private static ResponseEntity.BodyBuilder completion(ApiCalls.Call call) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header(LICENCE_HEADER, call.delivery().licenceId().toString())
                .header(MANIFEST_HEADER, "/api/deliveries/" + call.delivery().id() + "/manifest");
    }

    private static Map<String, Object> body(ChatRequest request, ApiCalls.Call call) {
        var choice = new LinkedHashMap<String, Object>();
        choice.put("index", 0);
        choice.put("message", Map.of("role", "assistant", "content", call.delivery().text()));
        choice.put("finish_reason", finishReason(call.draft().finishReason()));
        var body = new LinkedHashMap<String, Object>();
        body.put("id", "chatcmpl-" + call.purchase().id());
        body.put("object", "chat.completion");
        body.put("created", call.purchase().createdAt().getEpochSecond());
        body.put("model", request.model());
        body.put("choices", List.of(choice));
        body.put("usage", usage(call));
        body.put("atelier", atelier(call));
        return body;
    }

    private static Map<String, Object> usage(ApiCalls.Call call) {
        return Map.of("prompt_tokens", call.draft().promptTokens(),
                "completion_tokens", call.draft().completionTokens(),
                "total_tokens", call.draft().promptTokens() + call.draft().completionTokens());
    }

    private static Map<String, Object> atelier(ApiCalls.Call call) {
        var delivery = call.delivery();
        var atelier = new LinkedHashMap<String, Object>();
        atelier.put("licence_id", delivery.licenceId().toString());
        atelier.put("manifest", delivery.manifestReference());
        atelier.put("manifest_url", "/api/deliveries/" + delivery.id() + "/manifest");
        atelier.put("delivery_id", delivery.id().toString());
        atelier.put("purchase_id", call.purchase().id().toString());
        atelier.put("price", call.purchase().price().format());
        atelier.put("price_minor", call.purchase().price().minor());
        atelier.put("currency", call.purchase().price().currency().getCurrencyCode());
        return atelier;
    }

    private static String finishReason(Completion.FinishReason reason) {
        return reason == Completion.FinishReason.LENGTH ? "length" : "stop";
    }

    private static Map<String, Object> openAiError(int status, String message) {
        var type = status == 401 ? "authentication_error" : status == 402 || status == 422 ? "insufficient_quota"
                : status == 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error";
        return Map.of("message", message, "type", type, "code", status);
    }

    /** Problems as RFC 7807 bodies that also carry OpenAI's {@code error} member. */
    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        var problem = e.getBody();
        problem.setProperty("error", openAiError(e.getStatusCode().value(), e.detail()));
        return ResponseEntity.status(e.getStatusCode()).headers(e.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * The parts of an OpenAI chat request Atelier uses. The brief is the client's messages (system and user), the
     * newest last; assistant turns are left out. Unsupported options are refused rather than ignored.
     */
    record ChatRequest(String model, String brief, boolean stream, boolean includeUsage, int maxTokens,
                       double temperature, long seed, List<String> stop) {

        static ChatRequest parse(JsonNode body, int maxTokensLimit) {
            if (body == null || !body.isObject()) {
                throw ProblemException.badRequest("Invalid request", "Send a JSON object as in OpenAI's chat API.");
            }
            var model = text(body, "model");
            if (model == null || model.isBlank()) {
                throw ProblemException.badRequest("Invalid request", "'model' is required: an offering's slug.");
            }
            var messages = body.get("messages");
            if (messages == null || !messages.isArray() || messages.isEmpty()) {
                throw ProblemException.badRequest("Invalid request", "'messages' must be a non-empty array.");
            }
            var parts = new ArrayList<String>();
            for (var message : messages) {
                var role = text(message, "role");
                if (role == null || !List.of("system", "developer", "user", "assistant", "tool").contains(role)) {
                    throw ProblemException.badRequest("Invalid request", "Each message needs a role: system, user "
                            + "or assistant.");
                }
                if (role.equals("system") || role.equals("developer") || role.equals("user")) {
                    parts.add(content(message.get("content")));
                }
            }
            var brief = String.join("\n\n", parts).strip();
            if (brief.isEmpty()) {
                throw ProblemException.badRequest("Invalid request", "The messages hold no text to write from.");
            }
            brief = brief.length() > Previews.MAX_BRIEF ? brief.substring(brief.length() - Previews.MAX_BRIEF) : brief;
            var n = body.has("n") ? body.get("n").asInt(1) : 1;
            if (n != 1) {
                throw ProblemException.badRequest("Invalid request", "Only n = 1 is supported.");
            }
            var maxTokens = body.has("max_completion_tokens") ? body.get("max_completion_tokens").asInt(-1)
                    : body.has("max_tokens") ? body.get("max_tokens").asInt(-1) : maxTokensLimit;
            if (maxTokens < 1 || maxTokens > maxTokensLimit) {
                throw ProblemException.badRequest("Invalid request", "max_tokens must be 1 to " + maxTokensLimit
                        + ".");
            }
            var temperature = body.has("temperature") && !body.get("temperature").isNull()
                    ? body.get("temperature").asDouble() : CompletionRequest.DEFAULT_TEMPERATURE;
            if (!(temperature >= 0 && temperature <= 2)) {
                throw ProblemException.badRequest("Invalid request", "temperature must be between 0 and 2.");
            }
            var seed = body.has("seed") && !body.get("seed").isNull() ? body.get("seed").asLong() : 0;
            var stop = new ArrayList<String>();
            var stopNode = body.get("stop");
            if (stopNode != null && stopNode.isString()) {
                stop.add(stopNode.asString());
            } else if (stopNode != null && stopNode.isArray()) {
                stopNode.forEach(item -> stop.add(item.asString()));
            }
            if (stop.size() > 4 || stop.stream().anyMatch(String::isEmpty)) {
                throw ProblemException.badRequest("Invalid request", "stop takes up to 4 non-empty strings.");
            }
            var stream = body.has("stream") && body.get("stream").asBoolean();
            var options = body.get("stream_options");
            var includeUsage = options != null && options.has("include_usage")
                    && options.get("include_usage").asBoolean();
            return new ChatRequest(model, brief, stream, includeUsage, maxTokens, temperature, seed, stop);
        }

        private static @Nullable String text(JsonNode node, String field) {
            var value = node.get(field);
            return value == null || !value.isString() ? null : value.asString();
        }

        /** A message's content: a string, or OpenAI's array of parts of which the text parts count. */
        private static String content(@Nullable JsonNode content) {
            if (content == null || content.isNull()) {
                return "";
            }
            if (content.isString()) {
                return content.asString();
            }
            if (content.isArray()) {
                var text = new StringBuilder();
                for (var part : content) {
                    if ("text".equals(text(part, "type")) && text(part, "text") != null) {
                        text.append(text.isEmpty() ? "" : "\n").append(text(part, "text"));
                    }
                }
                return text.toString();
            }
            throw ProblemException.badRequest("Invalid request", "A message's content must be text or an array of "
                    + "text parts.");
        }
    }
}
