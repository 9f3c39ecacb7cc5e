package dev.atelier.engine;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows how far a download is. On a terminal, one line redrawn in place with {@code \r} at most
 * {@value #REDRAWS_PER_SECOND} times a second: percent, a bar, MB done of total, MB/s and the time left. Elsewhere
 * (a log, a pipe), one plain line per ten percent. Speed counts only the bytes of the current request, so a resumed
 * download does not claim the earlier bytes arrived instantly. Not thread-safe: one download reports to one instance.
 */
final class DownloadProgress {

    static final int REDRAWS_PER_SECOND = 4;
    private static final long REDRAW_NANOS = Duration.ofSeconds(1).toNanos() / REDRAWS_PER_SECOND;
    private static final int BAR_WIDTH = 24;

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final long total;

    private long startedAt;
    private long startedWith;
    private long lastDrawnAt;
    private long lastDone;
    private int lastTenth;
    private int drawnLength;

    DownloadProgress(PrintStream out, boolean terminal, String label, long total) {
        if (total < 1) {
            throw new IllegalArgumentException("total must be positive, was " + total);
        }
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.total = total;
    }

    /** A request starts (again) with {@code done} bytes already on disk. */
    void started(long done) {
        startedAt = System.nanoTime();
        startedWith = done;
        lastTenth = tenth(done);
        lastDrawnAt = 0;
        lastDone = done;
        if (!terminal) {
            out.println(label + ": " + (done == 0 ? "downloading " : "resuming at " + megabytes(done) + " of ")
                    + megabytes(total) + " MB");
        }
    }

    void advanced(long done) {
        var now = System.nanoTime();
        lastDone = done;
        if (terminal) {
            if (now - lastDrawnAt >= REDRAW_NANOS || done >= total) {
                lastDrawnAt = now;
                draw(line(done, now));
            }
        } else if (tenth(done) > lastTenth) {
            lastTenth = tenth(done);
            out.println(label + ": " + line(done, now));
        }
    }

    /** The request ended, completely or not; a terminal line is closed so that what follows starts afresh. */
    void stopped() {
        if (terminal && drawnLength > 0) {
            draw(line(lastDone, System.nanoTime()));
            out.println();
            drawnLength = 0;
        }
    }

    private void draw(String line) {
        // Pads over the end of a longer previous line.
        out.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        out.flush();
        drawnLength = line.length();
    }

    String line(long done, long now) {
        var percent = (int) Math.min(100, done * 100 / total);
        var filled = (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
        var seconds = (now - startedAt) / 1e9;
        var rate = seconds > 0 ? (done - startedWith) / seconds : 0;
        var eta = rate > 0 ? formatDuration((long) ((total - done) / rate)) : "--:--";
        return String.format(Locale.ROOT, "%3d%% [%s%s] %s/%s MB  %.1f MB/s  ETA %s", percent,
                "#".repeat(filled), ".".repeat(BAR_WIDTH - filled), megabytes(done), megabytes(total), rate / 1e6,
                eta);
    }

    private int tenth(long done) {
        return (int) Math.min(10, done * 10 / total);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    private static String formatDuration(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
