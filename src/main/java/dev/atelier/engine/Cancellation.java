package dev.atelier.engine;

/**
 * Ends a generation early: the engine checks it between tokens. Thread-safe; once cancelled it stays cancelled.
 */
public final class Cancellation {

    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
