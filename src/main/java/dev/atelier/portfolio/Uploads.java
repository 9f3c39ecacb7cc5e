package dev.atelier.portfolio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atelier.identity.CreatorId;
import dev.atelier.problem.ProblemException;
import dev.atelier.storage.ObjectStore;

/**
 * Takes a batch of uploaded files. Each file is judged on its own: it is copied to a temporary file (hashing it on
 * the way), inspected, stored, and recorded. A refused file leaves nothing behind: no object, no row. A file that
 * was stored but could not be recorded is deleted again.
 */
@Component
class Uploads {

    /** One file that was not accepted, and why. */
    record Refusal(String fileName, int status, String title, String detail) {
    }

    record Outcome(List<Work> accepted, List<Refusal> rejected) {
    }

    /** One file of the batch, as the web layer hands it over. */
    interface Upload {
        String originalName();

        long size();

        InputStream open() throws IOException;
    }

    private final WorkInspector inspector;
    private final WorkRepository works;
    private final ObjectStore store;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final PortfolioSettings settings;
    private final Clock clock;
    private final Path temporary;

    Uploads(WorkInspector inspector, WorkRepository works, ObjectStore store, TransactionTemplate transactions,
            ApplicationEventPublisher events, PortfolioSettings settings, Clock clock,
            @Value("${atelier.data-dir}") Path dataDir) throws IOException {
        this.inspector = inspector;
        this.works = works;
        this.store = store;
        this.transactions = transactions;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
        this.temporary = Files.createDirectories(dataDir.resolve("tmp"));
    }

    /**
     * @param ownershipAffirmed the creator affirmed they own this batch; only then do the works start with
     *                          "may train my model" on
     */
    Outcome upload(CreatorId creator, List<? extends Upload> files, boolean ownershipAffirmed, List<String> tags) {
        if (files.isEmpty()) {
            throw ProblemException.badRequest("No files", "Choose at least one file to upload.");
        }
        if (files.size() > settings.maxFilesPerUpload()) {
            throw ProblemException.badRequest("Too many files", "Upload at most " + settings.maxFilesPerUpload()
                    + " files at once; this request had " + files.size() + ".");
        }
        var accepted = new ArrayList<Work>();
        var rejected = new ArrayList<Refusal>();
        for (var file : files) {
            try {
                accepted.add(accept(creator, file, ownershipAffirmed, tags));
            } catch (ProblemException e) {
                rejected.add(new Refusal(file.originalName(), e.getStatusCode().value(), e.title(), e.detail()));
            }
        }
        return new Outcome(List.copyOf(accepted), List.copyOf(rejected));
    }

    private Work accept(CreatorId creator, Upload upload, boolean consent, List<String> tags) {
        var name = upload.originalName();
        if (upload.size() > settings.maxFileSize().toBytes()) {
            throw Rejected.tooLarge(WorkInspector.sanitise(name) + " is " + megabytes(upload.size())
                    + "; the limit is " + megabytes(settings.maxFileSize().toBytes()) + ".");
        }
        refuseOverQuota(creator, works.usage(creator), upload.size());
        Path copy = null;
        try {
            copy = Files.createTempFile(temporary, "upload-", ".part");
            var sha256 = copy(upload, copy);
            var duplicate = works.findBySha(creator, sha256);
            if (duplicate.isPresent()) {
                throw duplicateOf(name, duplicate.get().title());
            }
            var inspection = inspector.inspect(copy, name);
            return store(creator, inspection, copy, sha256, consent, tags);
        } catch (IOException e) {
            throw Rejected.invalid("Upload failed", name + " could not be received: " + e.getMessage());
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a leftover temporary file is removed with the next restart's tmp sweep
                }
            }
        }
    }

    private Work store(CreatorId creator, WorkInspector.Inspection inspection, Path copy, String sha256,
                       boolean consent, List<String> tags) throws IOException {
        var id = WorkId.random();
        var prefix = "creators/" + creator + "/works/" + id + "/";
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var size = Files.size(copy);
        var work = new Work(id, creator, inspection.title(), inspection.kind(), inspection.mediaType(),
                inspection.fileName(), size, sha256, cleanTags(tags), Map.copyOf(inspection.metadata()), consent, now,
                false, now, prefix + "original", inspection.thumbnailPng() == null ? null : prefix + "thumbnail.png");
        try (var in = Files.newInputStream(copy)) {
            store.put(work.storageKey(), in, size, inspection.mediaType());
        }
        try {
            if (work.thumbnailKey() != null) {
                var thumbnail = inspection.thumbnailPng();
                store.put(work.thumbnailKey(), new java.io.ByteArrayInputStream(thumbnail), thumbnail.length,
                        "image/png");
            }
            transactions.executeWithoutResult(status -> {
                refuseOverQuota(creator, works.usageLocked(creator), size);
                works.insert(work, inspection.text());
                events.publishEvent(new WorkUploaded(creator, id, work.kind(), consent));
            });
            return work;
        } catch (RuntimeException e) {
            store.deletePrefix(prefix);
            if (e instanceof DuplicateKeyException) {
                throw duplicateOf(work.fileName(), work.title());
            }
            throw e;
        }
    }

    private void refuseOverQuota(CreatorId creator, long used, long adding) {
        var quota = settings.quotaPerCreator().toBytes();
        if (used + adding > quota) {
            throw new Rejected(HttpStatus.INSUFFICIENT_STORAGE, "Storage quota reached", "Your portfolio uses "
                    + megabytes(used) + " of " + megabytes(quota) + "; this file needs " + megabytes(adding) + ".");
        }
    }

    private static Rejected duplicateOf(String name, String existingTitle) {
        return new Rejected(HttpStatus.CONFLICT, "Duplicate upload",
                WorkInspector.sanitise(name) + " is already in your portfolio as '" + existingTitle + "'.");
    }

    /** Stops copying past the limit, so a client that understated the size is still refused. */
    private String copy(Upload upload, Path target) throws IOException {
        var limit = settings.maxFileSize().toBytes();
        var digest = sha256();
        try (var in = new DigestInputStream(upload.open(), digest); var out = Files.newOutputStream(target)) {
            var buffer = new byte[64 * 1024];
            long copied = 0;
            for (int read; (read = in.read(buffer)) > 0; ) {
                copied += read;
                if (copied > limit) {
                    throw Rejected.tooLarge(WorkInspector.sanitise(upload.originalName()) + " is larger than "
                            + megabytes(limit) + ".");
                }
                out.write(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<String> cleanTags(@Nullable List<String> tags) {
        return tags == null ? List.of() : tags.stream().map(String::strip).filter(tag -> !tag.isEmpty())
                .map(tag -> tag.length() > 40 ? tag.substring(0, 40) : tag).map(tag -> tag.replace(",", " "))
                .distinct().limit(12).toList();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Sizes in binary megabytes, as the limits are configured ({@code 25MB} is 25 × 1024 × 1024 bytes). */
    static String megabytes(long bytes) {
        var megabytes = bytes / (1024.0 * 1024);
        return megabytes >= 1024 ? String.format(java.util.Locale.ROOT, "%.1f GB", megabytes / 1024)
                .replace(".0 GB", " GB")
                : String.format(java.util.Locale.ROOT, "%.1f MB", megabytes).replace(".0 MB", " MB");
    }
}
