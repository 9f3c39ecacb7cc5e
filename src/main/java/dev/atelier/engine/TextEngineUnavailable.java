package dev.atelier.engine;

/** No text model is configured, or the configured one cannot be used; the message says how to fix it. */
public class TextEngineUnavailable extends RuntimeException {

    public TextEngineUnavailable(String howToFix) {
        super(howToFix);
    }

    public TextEngineUnavailable(String howToFix, Throwable cause) {
        super(howToFix, cause);
    }
}
