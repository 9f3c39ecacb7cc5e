package dev.atelier.personalmodel;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.atelier.identity.CreatorId;
import dev.atelier.index.CreatorIndexes;
import dev.atelier.portfolio.WorkConsentChanged;
import dev.atelier.portfolio.WorkDeleted;
import dev.atelier.portfolio.WorkId;
import dev.atelier.problem.ProblemException;
import dev.atelier.subscription.Entitlements;

/**
 * When a creator revokes consent for a work or deletes it, every version that learned from it is retired, its
 * index deleted from disk, the work's stored chunks and vectors deleted, and a new version is trained without it.
 */
@Component
class Withdrawals {

    private static final Logger log = LoggerFactory.getLogger(Withdrawals.class);

    private final ModelVersions versions;
    private final TrainingJobs jobs;
    private final ChunkStore chunks;
    private final CreatorIndexes indexes;
    private final TrainingRuns trainings;
    private final Entitlements entitlements;
    private final ApplicationEventPublisher events;

    Withdrawals(ModelVersions versions, TrainingJobs jobs, ChunkStore chunks, CreatorIndexes indexes,
                TrainingRuns trainings, Entitlements entitlements, ApplicationEventPublisher events) {
        this.versions = versions;
        this.jobs = jobs;
        this.chunks = chunks;
        this.indexes = indexes;
        this.trainings = trainings;
        this.entitlements = entitlements;
        this.events = events;
    }

    /** A retired version's job stops at its next checkpoint; the retraining queues behind it. */
    private void awaitCancelledTraining(CreatorId creator) {
        var deadline = System.nanoTime() + 120_000_000_000L;
        while (jobs.unfinished(creator).filter(TrainingJob::cancelRequested).isPresent() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @ApplicationModuleListener
    void on(WorkConsentChanged changed) {
        if (!changed.trainConsent()) {
            withdraw(changed.creator(), changed.work(), "consent was revoked");
        }
    }

    @ApplicationModuleListener
    void on(WorkDeleted deleted) {
        withdraw(deleted.creator(), deleted.work(), "it was deleted");
    }

    void withdraw(CreatorId creator, WorkId work, String why) {
        var affected = versions.using(creator, work);
        chunks.deleteWork(creator, work);
        for (var version : affected) {
            var title = version.lineage().stream().filter(item -> item.workId().equals(work.toString()))
                    .map(ModelVersion.LineageItem::title).findFirst().orElse("a work");
            var reason = "Learned from '" + title + "', and " + why + ".";
            jobs.forVersion(version.id()).ifPresent(job -> jobs.requestCancel(creator, job.id()));
            if (versions.retire(version.id(), reason)) {
                indexes.deleteAll(creator, version.namespace());
                events.publishEvent(new ModelVersionRetired(creator, version.id(), reason));
            }
        }
        if (affected.isEmpty() || !entitlements.check(creator.account()).allowed()) {
            return;
        }
        awaitCancelledTraining(creator);
        try {
            var title = affected.getFirst().lineage().stream().filter(item -> item.workId().equals(work.toString()))
                    .map(ModelVersion.LineageItem::title).findFirst().orElse("a work");
            trainings.start(creator, "Retrained without '" + title + "'");
        } catch (ProblemException e) {
            log.info("No retraining for {} after withdrawing {}: {}", creator, work, e.detail());
        }
    }

}
