package dev.atelier.personalmodel;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atelier.identity.CreatorId;
import dev.atelier.portfolio.Portfolio;
import dev.atelier.problem.ProblemException;
import dev.atelier.subscription.Entitlements;

/**
 * Starts and cancels trainings. Starting fixes the lineage: the works whose "may train my model" is on at that
 * moment, with their content hashes. A creator has at most one unfinished training at a time.
 */
@Component
public class TrainingRuns {

    private final Entitlements entitlements;
    private final Portfolio portfolio;
    private final ModelVersions versions;
    private final TrainingJobs jobs;
    private final TrainingRunner runner;
    private final TransactionTemplate transactions;
    private final Clock clock;

    TrainingRuns(Entitlements entitlements, Portfolio portfolio, ModelVersions versions, TrainingJobs jobs,
                 TrainingRunner runner, TransactionTemplate transactions, Clock clock) {
        this.entitlements = entitlements;
        this.portfolio = portfolio;
        this.versions = versions;
        this.jobs = jobs;
        this.runner = runner;
        this.transactions = transactions;
        this.clock = clock;
    }

    public TrainingJob start(CreatorId creator, String reason) {
        var entitlement = entitlements.check(creator.account());
        if (!entitlement.allowed()) {
            throw ProblemException.forbidden("AI features off", entitlement.message());
        }
        var job = enqueue(creator, reason);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // Called inside a transaction (an event listener's): the job row is visible to the runner only after it commits.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    runner.start(job.id());
                }
            });
        } else {
            runner.start(job.id());
        }
        return job;
    }

    /** Queues a training without starting it on this node; the runner's poll or a test picks it up. */
    TrainingJob enqueue(CreatorId creator, String reason) {
        var id = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            var running = jobs.unfinished(creator);
            if (running.isPresent()) {
                throw ProblemException.conflict("Training already running", "A training started at "
                        + running.get().createdAt() + " has not finished; wait for it or cancel it.");
            }
            var consented = portfolio.consentedForTraining(creator);
            if (consented.isEmpty()) {
                throw ProblemException.conflict("Nothing to train on", "Turn on 'may train my model' for at least "
                        + "one work in your portfolio first.");
            }
            var version = versions.create(creator, reason, consented);
            jobs.insert(id, creator, version.id(), clock.instant());
        });
        return jobs.find(id).orElseThrow();
    }

    public Optional<TrainingJob> job(CreatorId creator, UUID id) {
        return jobs.find(creator, id);
    }

    public Optional<TrainingJob> latest(CreatorId creator) {
        return jobs.latest(creator);
    }

    public TrainingJob cancel(CreatorId creator, UUID id) {
        var job = jobs.find(creator, id).orElseThrow(() -> ProblemException.notFound("No such training",
                "You have no training with id " + id + "."));
        if (job.status().finished()) {
            throw ProblemException.conflict("Training finished", "This training has already ended ("
                    + job.status().name().toLowerCase() + ").");
        }
        jobs.requestCancel(creator, id);
        if (job.status() == TrainingJob.Status.QUEUED) {
            jobs.finish(id, TrainingJob.Status.CANCELLED, null, clock.instant());
            versions.failed(job.version(), "Cancelled by the creator.");
        }
        return jobs.find(id).orElseThrow();
    }
}
