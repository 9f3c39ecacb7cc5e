package dev.atelier.generation;

import dev.atelier.engine.Cancellation;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live progress of the previews this node is writing, fanned out to server-sent-event subscribers: {@code phase}
 * (retrieving, writing, scoring), {@code progress} (tokens per draft), then {@code ready} with the marked preview or
 * {@code failed} with the reason. The draft's text itself is never sent: only the marked preview leaves the server.
 *
 * <p>Thread-safe. A subscriber that arrives late first gets the latest phase and progress. Finished previews leave
 * the map; their subscribers are then served from the database.
 */
@Component
class PreviewProgress {

    /** Progress events per draft are sent at most this often; the final counts always go out. */
    private static final long PROGRESS_INTERVAL_NANOS = Duration.ofMillis(150).toNanos();

    record Phase(String phase, int exemplars) {
    }

    record Progress(int candidate, int tokens) {
    }

    private final Map<UUID, Live> live = new ConcurrentHashMap<>();

    Live open(UUID preview) {
        var opened = new Live(preview);
        live.put(preview, opened);
        return opened;
    }

    boolean isLive(UUID preview) {
        return live.containsKey(preview);
    }

    /** Subscribes to a live preview; false when this node is not writing it (it is finished, or elsewhere). */
    boolean subscribe(UUID preview, SseEmitter emitter) {
        var found = live.get(preview);
        return found != null && found.subscribe(emitter);
    }

    final class Live implements Drafts.Listener {

        private final UUID preview;
        private final Cancellation cancellation = new Cancellation();
        private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();
        private final Map<Integer, Long> lastSent = new ConcurrentHashMap<>();
        private final Map<Integer, Integer> tokens = new ConcurrentHashMap<>();
        private volatile Phase phase = new Phase("retrieving", 0);
        private volatile boolean done;

        private Live(UUID preview) {
            this.preview = preview;
        }

        Cancellation cancellation() {
            return cancellation;
        }

        @Override
        public void retrieved(int exemplars) {
            phase = new Phase("writing", exemplars);
            send("phase", phase);
        }

        @Override
        public void wrote(int candidate, int count, String piece) {
            tokens.put(candidate, count);
            var now = System.nanoTime();
            var last = lastSent.get(candidate);
            if (last == null || now - last >= PROGRESS_INTERVAL_NANOS) {
                lastSent.put(candidate, now);
                send("progress", new Progress(candidate, count));
            }
        }

        @Override
        public void scoring() {
            tokens.forEach((candidate, count) -> send("progress", new Progress(candidate, count)));
            phase = new Phase("scoring", phase.exemplars());
            send("phase", phase);
        }

        void finished(Preview ready) {
            end("ready", ready);
        }

        void failed(String reason) {
            end("failed", Map.of("detail", reason));
        }

        private synchronized boolean subscribe(SseEmitter emitter) {
            if (done) {
                return false;
            }
            subscribers.add(emitter);
            emitter.onCompletion(() -> subscribers.remove(emitter));
            emitter.onTimeout(() -> subscribers.remove(emitter));
            var snapshot = new ArrayList<Object[]>();
            snapshot.add(new Object[] {"phase", phase});
            tokens.forEach((candidate, count) -> snapshot.add(new Object[] {"progress", new Progress(candidate, count)}));
            for (var event : snapshot) {
                sendTo(emitter, (String) event[0], event[1]);
            }
            return true;
        }

        private synchronized void end(String name, Object data) {
            done = true;
            live.remove(preview);
            for (var subscriber : subscribers) {
                sendTo(subscriber, name, data);
                subscriber.complete();
            }
            subscribers.clear();
        }

        private void send(String name, @Nullable Object data) {
            for (var subscriber : subscribers) {
                sendTo(subscriber, name, data);
            }
        }

        private void sendTo(SseEmitter emitter, String name, @Nullable Object data) {
            try {
                synchronized (emitter) {
                    emitter.send(SseEmitter.event().name(name).data(data == null ? Map.of() : data));
                }
            } catch (IOException | IllegalStateException e) {
                // The browser went away; the preview goes on and stays available on its page.
                subscribers.remove(emitter);
            }
        }
    }
}
