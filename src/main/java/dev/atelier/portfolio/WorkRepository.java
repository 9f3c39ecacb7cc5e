package dev.atelier.portfolio;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.atelier.identity.CreatorId;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Every query names the creator: a work is only ever found within its creator's portfolio. */
@Repository
class WorkRepository {

    private static final String COLUMNS = """
            id, creator_id, title, kind, media_type, file_name, size_bytes, sha256, tags, metadata, train_consent,
            consent_changed_at, public_in_portfolio, created_at, storage_key, thumbnail_key""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    WorkRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Work work, @Nullable String text) {
        jdbc.sql("insert into work (" + COLUMNS + ", extracted_text, updated_at) values (:id, :creator, :title, "
                        + ":kind, :mediaType, :fileName, :size, :sha, :tags, :metadata, :consent, :consentAt, :public, "
                        + ":created, :storageKey, :thumbnailKey, :text, :created)")
                .param("id", work.id().value())
                .param("creator", work.creator().value())
                .param("title", work.title())
                .param("kind", work.kind().name())
                .param("mediaType", work.mediaType())
                .param("fileName", work.fileName())
                .param("size", work.sizeBytes())
                .param("sha", work.sha256())
                .param("tags", String.join(",", work.tags()))
                .param("metadata", json.writeValueAsString(work.metadata()))
                .param("consent", work.trainConsent())
                .param("consentAt", utc(work.consentChangedAt()))
                .param("public", work.publicInPortfolio())
                .param("created", utc(work.createdAt()))
                .param("storageKey", work.storageKey())
                .param("thumbnailKey", work.thumbnailKey())
                .param("text", text)
                .update();
    }

    List<Work> of(CreatorId creator) {
        return jdbc.sql("select " + COLUMNS + " from work where creator_id = :creator order by created_at desc, id")
                .param("creator", creator.value())
                .query(this::work)
                .list();
    }

    List<Work> consented(CreatorId creator) {
        return jdbc.sql("select " + COLUMNS + " from work where creator_id = :creator and train_consent "
                        + "order by created_at, id")
                .param("creator", creator.value())
                .query(this::work)
                .list();
    }

    Optional<Work> find(CreatorId creator, WorkId id) {
        return jdbc.sql("select " + COLUMNS + " from work where creator_id = :creator and id = :id")
                .param("creator", creator.value())
                .param("id", id.value())
                .query(this::work)
                .optional();
    }

    Optional<Work> findBySha(CreatorId creator, String sha256) {
        return jdbc.sql("select " + COLUMNS + " from work where creator_id = :creator and sha256 = :sha")
                .param("creator", creator.value())
                .param("sha", sha256)
                .query(this::work)
                .optional();
    }

    Optional<String> text(CreatorId creator, WorkId id) {
        return jdbc.sql("select extracted_text from work where creator_id = :creator and id = :id")
                .param("creator", creator.value())
                .param("id", id.value())
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(text -> text);
    }

    /** Locks the creator's account row so that concurrent uploads check the quota one after another. */
    long usageLocked(CreatorId creator) {
        jdbc.sql("select id from account where id = :creator for update").param("creator", creator.value())
                .query(UUID.class).optional();
        return usage(creator);
    }

    long usage(CreatorId creator) {
        return jdbc.sql("select coalesce(sum(size_bytes), 0) from work where creator_id = :creator")
                .param("creator", creator.value())
                .query(Long.class)
                .single();
    }

    boolean setConsent(CreatorId creator, WorkId id, boolean consent, Instant at) {
        return jdbc.sql("""
                        update work set train_consent = :consent, consent_changed_at = :at, updated_at = :at
                        where creator_id = :creator and id = :id and train_consent <> :consent""")
                .param("consent", consent)
                .param("at", utc(at))
                .param("creator", creator.value())
                .param("id", id.value())
                .update() == 1;
    }

    void edit(CreatorId creator, WorkId id, String title, List<String> tags, boolean publicInPortfolio, Instant at) {
        jdbc.sql("""
                        update work set title = :title, tags = :tags, public_in_portfolio = :public, updated_at = :at
                        where creator_id = :creator and id = :id""")
                .param("title", title)
                .param("tags", String.join(",", tags))
                .param("public", publicInPortfolio)
                .param("at", utc(at))
                .param("creator", creator.value())
                .param("id", id.value())
                .update();
    }

    boolean delete(CreatorId creator, WorkId id) {
        return jdbc.sql("delete from work where creator_id = :creator and id = :id")
                .param("creator", creator.value())
                .param("id", id.value())
                .update() == 1;
    }

    private Work work(ResultSet rs, int row) throws SQLException {
        var tags = rs.getString("tags");
        return new Work(new WorkId(rs.getObject("id", UUID.class)), new CreatorId(rs.getObject("creator_id", UUID.class)),
                rs.getString("title"), WorkKind.valueOf(rs.getString("kind")), rs.getString("media_type"),
                rs.getString("file_name"), rs.getLong("size_bytes"), rs.getString("sha256"),
                tags.isEmpty() ? List.of() : Arrays.asList(tags.split(",")),
                json.readValue(rs.getString("metadata"), new TypeReference<Map<String, Object>>() {
                }),
                rs.getBoolean("train_consent"), rs.getObject("consent_changed_at", OffsetDateTime.class).toInstant(),
                rs.getBoolean("public_in_portfolio"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getString("storage_key"), rs.getString("thumbnail_key"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
