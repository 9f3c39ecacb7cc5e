package dev.atelier.portfolio;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

public record WorkId(@JsonValue UUID value) {

    public WorkId {
        Objects.requireNonNull(value, "work id must not be null");
    }

    public static WorkId random() {
        return new WorkId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
