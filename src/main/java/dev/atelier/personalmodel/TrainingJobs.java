package dev.atelier.personalmodel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.atelier.identity.CreatorId;

/**
 * The job table is the queue. A node claims a job with a conditional update (queued, or running with a stale
 * heartbeat), so two nodes never run one job at once; a running job proves it is alive by its heartbeat.
 */
@Repository
class TrainingJobs {

    private final JdbcClient jdbc;

    TrainingJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, CreatorId creator, ModelVersionId version, Instant now) {
        jdbc.sql("""
                        insert into training_job (id, creator_id, version_id, status, phase, done, total, created_at,
                            cancel_requested)
                        values (:id, :creator, :version, 'QUEUED', 'queued', 0, 0, :now, false)""")
                .param("id", id)
                .param("creator", creator.value())
                .param("version", version.value())
                .param("now", utc(now))
                .update();
    }

    Optional<TrainingJob> find(UUID id) {
        return jdbc.sql("select * from training_job where id = :id").param("id", id)
                .query(TrainingJobs::job).optional();
    }

    Optional<TrainingJob> find(CreatorId creator, UUID id) {
        return jdbc.sql("select * from training_job where id = :id and creator_id = :creator")
                .param("id", id).param("creator", creator.value())
                .query(TrainingJobs::job).optional();
    }

    Optional<TrainingJob> latest(CreatorId creator) {
        return jdbc.sql("select * from training_job where creator_id = :creator order by created_at desc, id "
                        + "fetch first 1 rows only")
                .param("creator", creator.value())
                .query(TrainingJobs::job).optional();
    }

    Optional<TrainingJob> unfinished(CreatorId creator) {
        return jdbc.sql("select * from training_job where creator_id = :creator and status in ('QUEUED', 'RUNNING') "
                        + "order by created_at fetch first 1 rows only")
                .param("creator", creator.value())
                .query(TrainingJobs::job).optional();
    }

    Optional<TrainingJob> forVersion(ModelVersionId version) {
        return jdbc.sql("select * from training_job where version_id = :version")
                .param("version", version.value())
                .query(TrainingJobs::job).optional();
    }

    /** Queued jobs, and running ones whose node stopped beating before {@code staleBefore}, oldest first. */
    List<UUID> claimable(Instant staleBefore) {
        return jdbc.sql("""
                        select id from training_job
                        where status = 'QUEUED' or (status = 'RUNNING' and heartbeat_at < :stale)
                        order by created_at""")
                .param("stale", utc(staleBefore))
                .query(UUID.class).list();
    }

    boolean claim(UUID id, Instant now, Instant staleBefore) {
        return jdbc.sql("""
                        update training_job set status = 'RUNNING', heartbeat_at = :now,
                            started_at = coalesce(started_at, :now),
                            phase = case when status = 'QUEUED' then 'starting' else 'resuming' end
                        where id = :id and (status = 'QUEUED' or (status = 'RUNNING' and heartbeat_at < :stale))""")
                .param("now", utc(now))
                .param("stale", utc(staleBefore))
                .param("id", id)
                .update() == 1;
    }

    void progress(UUID id, String phase, int done, int total, Instant now) {
        jdbc.sql("""
                        update training_job set phase = :phase, done = :done, total = :total, heartbeat_at = :now
                        where id = :id and status = 'RUNNING'""")
                .param("phase", phase).param("done", done).param("total", total).param("now", utc(now))
                .param("id", id)
                .update();
    }

    void finish(UUID id, TrainingJob.Status status, @Nullable String error, Instant now) {
        jdbc.sql("""
                        update training_job set status = :status, phase = :phase, error = :error, finished_at = :now,
                            heartbeat_at = :now
                        where id = :id and status in ('QUEUED', 'RUNNING')""")
                .param("status", status.name())
                .param("phase", status.name().toLowerCase())
                .param("error", error)
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    boolean requestCancel(CreatorId creator, UUID id) {
        return jdbc.sql("""
                        update training_job set cancel_requested = true
                        where id = :id and creator_id = :creator and status in ('QUEUED', 'RUNNING')""")
                .param("id", id).param("creator", creator.value())
                .update() == 1;
    }

    boolean cancelRequested(UUID id) {
        return jdbc.sql("select cancel_requested from training_job where id = :id").param("id", id)
                .query(Boolean.class).optional().orElse(true);
    }

    private static TrainingJob job(ResultSet rs, int row) throws SQLException {
        return new TrainingJob(rs.getObject("id", UUID.class), new CreatorId(rs.getObject("creator_id", UUID.class)),
                new ModelVersionId(rs.getObject("version_id", UUID.class)),
                TrainingJob.Status.valueOf(rs.getString("status")), rs.getString("phase"), rs.getInt("done"),
                rs.getInt("total"), instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "heartbeat_at"),
                instant(rs, "finished_at"), rs.getBoolean("cancel_requested"), rs.getString("error"));
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
