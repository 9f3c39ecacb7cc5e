package dev.atelier.generation;

import dev.atelier.identity.AccountId;
import dev.atelier.identity.CreatorId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A client's request to the human creator about a delivered asset: an edit of it, or a custom order. */
public record RequestThread(UUID id, UUID deliveryId, String deliveryTitle, AccountId client, String clientName,
                            CreatorId creator, String creatorName, Kind kind, String subject, Status status,
                            Instant createdAt, List<Message> messages) {

    public enum Kind {
        EDIT, CUSTOM_ORDER;

        public String label() {
            return this == EDIT ? "Edit request" : "Custom order";
        }
    }

    public enum Status {
        OPEN, CLOSED
    }

    public record Message(AccountId author, String authorName, String body, Instant createdAt) {
    }
}
