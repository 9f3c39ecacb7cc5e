package dev.atelier.personalmodel;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

public record ModelVersionId(@JsonValue UUID value) {

    public ModelVersionId {
        Objects.requireNonNull(value, "model version id must not be null");
    }

    public static ModelVersionId random() {
        return new ModelVersionId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
