package dev.atelier.portfolio;

import java.io.InputStream;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atelier.identity.CreatorId;
import dev.atelier.problem.ProblemException;
import dev.atelier.storage.ObjectStore;

/**
 * A creator's portfolio, for the creator and for other modules. Every method takes the {@link CreatorId}: there is
 * no way to read a work without naming whose it is.
 */
@Component
public class Portfolio {

    private final WorkRepository works;
    private final ObjectStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transactions;

    Portfolio(WorkRepository works, ObjectStore store, ApplicationEventPublisher events, Clock clock,
              TransactionTemplate transactions) {
        this.transactions = transactions;
        this.works = works;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    public List<Work> worksOf(CreatorId creator) {
        return works.of(creator);
    }

    public Optional<Work> find(CreatorId creator, WorkId work) {
        return works.find(creator, work);
    }

    /** The works whose "may train my model" is on now, oldest first. */
    public List<Work> consentedForTraining(CreatorId creator) {
        return works.consented(creator);
    }

    /** The text extracted at upload (empty for images and audio). */
    public String textOf(CreatorId creator, WorkId work) {
        return works.text(creator, work).orElse("");
    }

    public InputStream openFile(CreatorId creator, WorkId work) {
        return store.open(require(creator, work).storageKey());
    }

    public InputStream openThumbnail(CreatorId creator, WorkId work) {
        var found = require(creator, work);
        if (found.thumbnailKey() == null) {
            throw ProblemException.notFound("No thumbnail", "This work has no thumbnail.");
        }
        return store.open(found.thumbnailKey());
    }

    public long usedBytes(CreatorId creator) {
        return works.usage(creator);
    }

    /** Switches "may train my model". Setting it to what it already is changes nothing and announces nothing. */
    @Transactional
    public Work setTrainConsent(CreatorId creator, WorkId work, boolean consent) {
        require(creator, work);
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (works.setConsent(creator, work, consent, now)) {
            events.publishEvent(new WorkConsentChanged(creator, work, consent, now));
        }
        return require(creator, work);
    }

    @Transactional
    public Work edit(CreatorId creator, WorkId work, String title, List<String> tags, boolean publicInPortfolio) {
        require(creator, work);
        if (title.isBlank() || title.length() > 200) {
            throw ProblemException.badRequest("Invalid title", "A title has 1 to 200 characters.");
        }
        works.edit(creator, work, title.strip(), tags.stream().map(String::strip).filter(t -> !t.isEmpty())
                .distinct().limit(12).toList(), publicInPortfolio, clock.instant());
        return require(creator, work);
    }

    /** Deletes the row first, in a transaction with the event; the files follow once that has committed. */
    public void delete(CreatorId creator, WorkId work) {
        var found = require(creator, work);
        transactions.executeWithoutResult(status -> {
            if (works.delete(creator, work)) {
                events.publishEvent(new WorkDeleted(creator, work, found.sha256()));
            }
        });
        store.deletePrefix("creators/" + creator + "/works/" + work + "/");
    }

    private Work require(CreatorId creator, WorkId work) {
        return works.find(creator, work).orElseThrow(() -> ProblemException.notFound("No such work",
                "Your portfolio has no work with id " + work + "."));
    }
}
