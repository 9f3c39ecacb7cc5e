package dev.atelier.engine;

import org.jspecify.annotations.Nullable;

/**
 * Whether the text engine can serve.
 *
 * @param engine the configured engine id ({@code atelier.engine.text.id})
 * @param model the model it serves, when one is configured
 * @param message when unavailable: what is missing and exactly how to fix it; when available, a short description
 */
public record TextEngineStatus(boolean available, String engine, @Nullable String model, String message) {
}
