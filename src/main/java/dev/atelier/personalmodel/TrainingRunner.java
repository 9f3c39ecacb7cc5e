package dev.atelier.personalmodel;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs training jobs on this node, one at a time (embedding is CPU-bound: two jobs would each run half as fast).
 * Jobs come from the database: new ones are started right after they are queued, and a poll picks up jobs queued
 * while no node ran them and jobs abandoned by a node that died, which then resume where their checkpoints left off.
 */
@Component
class TrainingRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TrainingRunner.class);

    private final TrainingJobs jobs;
    private final Training training;
    private final PersonalModelSettings settings;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("training").daemon(true).factory());
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

    TrainingRunner(TrainingJobs jobs, Training training, PersonalModelSettings settings, Clock clock) {
        this.jobs = jobs;
        this.training = training;
        this.settings = settings;
        this.clock = clock;
    }

    void start(UUID jobId) {
        if (inFlight.add(jobId)) {
            worker.submit(() -> {
                try {
                    runIfClaimed(jobId, Training.Checkpoints.NONE);
                } finally {
                    inFlight.remove(jobId);
                }
            });
        }
    }

    @Scheduled(fixedDelayString = "${atelier.personal-model.poll-interval:5s}", initialDelayString = "10s")
    void poll() {
        jobs.claimable(clock.instant().minus(settings.abandonedAfter())).forEach(this::start);
    }

    /**
     * Claims the job and runs it in the calling thread. A job is claimable when queued, or when running with a
     * heartbeat older than {@code atelier.personal-model.abandoned-after}.
     *
     * @return whether this call ran the job
     */
    boolean runIfClaimed(UUID jobId, Training.Checkpoints checkpoints) {
        var now = clock.instant();
        if (!jobs.claim(jobId, now, now.minus(settings.abandonedAfter()))) {
            return false;
        }
        log.info("Training job {} started", jobId);
        training.run(jobId, checkpoints);
        return true;
    }

    /** Like {@link #runIfClaimed} but treats any running job as abandoned: for resuming after a known crash. */
    boolean resume(UUID jobId) {
        var now = clock.instant();
        if (!jobs.claim(jobId, now, now.plusSeconds(1))) {
            return false;
        }
        training.run(jobId, Training.Checkpoints.NONE);
        return true;
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
