package dev.atelier.identity;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.atelier.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/api-keys")
@Tag(name = "API keys", description = "Keys for 'Authorization: Bearer'. A key's secret is shown only when created.")
class ApiKeyController {

    record NewKey(@NotBlank(message = "Name the key, e.g. 'laptop'.")
                  @Size(max = 80, message = "A key name has at most 80 characters.") @Nullable String name) {
    }

    record CreatedKey(UUID id, String name, String prefix, String secret) {
    }

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @GetMapping
    @Operation(summary = "Your API keys, without their secrets")
    List<ApiKeys.ApiKey> list(@AuthenticationPrincipal SignedInAccount me) {
        return keys.of(me.id());
    }

    @PostMapping
    @Operation(summary = "Create a key; the response holds its secret, which is never shown again")
    ResponseEntity<CreatedKey> create(@AuthenticationPrincipal SignedInAccount me, @Valid @RequestBody NewKey form) {
        var issued = keys.issue(me.id(), java.util.Objects.requireNonNull(form.name()));
        return ResponseEntity.created(URI.create("/api/api-keys/" + issued.key().id()))
                .body(new CreatedKey(issued.key().id(), issued.key().name(), issued.key().prefix(), issued.secret()));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke one of your keys")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal SignedInAccount me, @PathVariable UUID id) {
        if (!keys.revoke(me.id(), id)) {
            throw ProblemException.notFound("No such API key", "You have no API key with id " + id + ".");
        }
        return ResponseEntity.noContent().build();
    }
}
