package dev.atelier.personalmodel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.atelier.identity.CreatorId;
import dev.atelier.portfolio.Work;
import dev.atelier.portfolio.WorkId;
import dev.atelier.problem.ProblemException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * A creator's model versions. A version's lineage is written once, when its training is queued, from the works
 * whose consent is on at that moment; nothing changes it afterwards. At most one version per creator is active.
 */
@Component
public class ModelVersions {

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    ModelVersions(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Newest first. */
    public List<ModelVersion> of(CreatorId creator) {
        return jdbc.sql("select * from model_version where creator_id = :creator order by number desc")
                .param("creator", creator.value())
                .query(this::version).list();
    }

    public Optional<ModelVersion> find(CreatorId creator, ModelVersionId id) {
        return jdbc.sql("select * from model_version where creator_id = :creator and id = :id")
                .param("creator", creator.value()).param("id", id.value())
                .query(this::version).optional();
    }

    public Optional<ModelVersion> active(CreatorId creator) {
        return jdbc.sql("select * from model_version where creator_id = :creator and active")
                .param("creator", creator.value())
                .query(this::version).optional();
    }

    /** The style classifier of a version, as stored; generation scores drafts with it. */
    public Optional<Map<String, Object>> classifierOf(CreatorId creator, ModelVersionId id) {
        return jdbc.sql("select classifier from model_version where creator_id = :creator and id = :id")
                .param("creator", creator.value()).param("id", id.value())
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)).map(text -> json.readValue(text, JSON_OBJECT)))
                .optional().flatMap(found -> found);
    }

    /** Makes a ready version the one that serves: a rollback when it is older than the active one. */
    @Transactional
    public ModelVersion activate(CreatorId creator, ModelVersionId id) {
        var version = find(creator, id).orElseThrow(() -> ProblemException.notFound("No such version",
                "You have no model version with id " + id + "."));
        if (!version.canBeActivated()) {
            throw ProblemException.conflict("Version not ready", "Version " + version.number() + " is "
                    + version.status().name().toLowerCase() + "; only a ready version can be made active.");
        }
        jdbc.sql("update model_version set active = false where creator_id = :creator and active")
                .param("creator", creator.value()).update();
        jdbc.sql("update model_version set active = true where creator_id = :creator and id = :id")
                .param("creator", creator.value()).param("id", id.value()).update();
        return find(creator, id).orElseThrow();
    }

    List<ModelVersion> using(CreatorId creator, WorkId work) {
        return jdbc.sql("""
                        select v.* from model_version v join model_version_item i on i.version_id = v.id
                        where v.creator_id = :creator and i.work_id = :work and v.status in ('TRAINING', 'READY')
                        order by v.number""")
                .param("creator", creator.value()).param("work", work.value())
                .query(this::version).list();
    }

    /** Creates a version in training with its lineage. Numbers are per creator; the row lock orders concurrent calls. */
    ModelVersion create(CreatorId creator, String reason, List<Work> items) {
        jdbc.sql("select id from account where id = :creator for update").param("creator", creator.value())
                .query(UUID.class).optional();
        var number = jdbc.sql("select coalesce(max(number), 0) + 1 from model_version where creator_id = :creator")
                .param("creator", creator.value()).query(Integer.class).single();
        var id = ModelVersionId.random();
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                        insert into model_version (id, creator_id, number, status, active, reason, created_at)
                        values (:id, :creator, :number, 'TRAINING', false, :reason, :now)""")
                .param("id", id.value()).param("creator", creator.value()).param("number", number)
                .param("reason", reason).param("now", TrainingJobs.utc(now))
                .update();
        for (var work : items) {
            jdbc.sql("""
                            insert into model_version_item (version_id, work_id, title, kind, sha256, consent_changed_at)
                            values (:version, :work, :title, :kind, :sha, :consentAt)""")
                    .param("version", id.value()).param("work", work.id().value()).param("title", work.title())
                    .param("kind", work.kind().name()).param("sha", work.sha256())
                    .param("consentAt", TrainingJobs.utc(work.consentChangedAt()))
                    .update();
        }
        return find(creator, id).orElseThrow();
    }

    void ready(ModelVersionId id, Map<String, Object> metrics, Object styleProfile, Map<String, Object> classifier) {
        jdbc.sql("""
                        update model_version set status = 'READY', finished_at = :now, metrics = :metrics,
                            style_profile = :profile, classifier = :classifier
                        where id = :id and status = 'TRAINING'""")
                .param("now", TrainingJobs.utc(clock.instant())).param("metrics", json.writeValueAsString(metrics))
                .param("profile", json.writeValueAsString(styleProfile))
                .param("classifier", json.writeValueAsString(classifier))
                .param("id", id.value()).update();
    }

    void failed(ModelVersionId id, String failure) {
        jdbc.sql("""
                        update model_version set status = 'FAILED', finished_at = :now, failure = :failure, active = false
                        where id = :id and status = 'TRAINING'""")
                .param("now", TrainingJobs.utc(clock.instant())).param("failure", failure)
                .param("id", id.value()).update();
    }

    boolean retire(ModelVersionId id, String reason) {
        return jdbc.sql("""
                        update model_version set status = 'RETIRED', active = false, retired_reason = :reason,
                            finished_at = coalesce(finished_at, :now)
                        where id = :id and status in ('TRAINING', 'READY')""")
                .param("reason", reason).param("now", TrainingJobs.utc(clock.instant()))
                .param("id", id.value()).update() == 1;
    }

    boolean hasActive(CreatorId creator) {
        return active(creator).isPresent();
    }

    private ModelVersion version(ResultSet rs, int row) throws SQLException {
        var id = rs.getObject("id", UUID.class);
        var metrics = rs.getString("metrics");
        var profile = rs.getString("style_profile");
        return new ModelVersion(new ModelVersionId(id), new CreatorId(rs.getObject("creator_id", UUID.class)),
                rs.getInt("number"), VersionStatus.valueOf(rs.getString("status")), rs.getBoolean("active"),
                rs.getString("reason"), TrainingJobs.instant(rs, "created_at"), TrainingJobs.instant(rs, "finished_at"),
                metrics == null ? Map.of() : json.readValue(metrics, JSON_OBJECT),
                profile == null ? null : json.readValue(profile, JSON_OBJECT), rs.getString("retired_reason"),
                rs.getString("failure"), lineage(id));
    }

    private List<ModelVersion.LineageItem> lineage(UUID version) {
        return jdbc.sql("""
                        select work_id, title, kind, sha256, consent_changed_at from model_version_item
                        where version_id = :version order by title, work_id""")
                .param("version", version)
                .query((rs, n) -> new ModelVersion.LineageItem(rs.getObject("work_id", UUID.class).toString(),
                        rs.getString("title"), rs.getString("kind"), rs.getString("sha256"),
                        TrainingJobs.instant(rs, "consent_changed_at")))
                .list();
    }

}
