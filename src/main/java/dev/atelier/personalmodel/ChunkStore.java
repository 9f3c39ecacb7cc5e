package dev.atelier.personalmodel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.atelier.identity.CreatorId;
import dev.atelier.portfolio.WorkId;

/**
 * The chunks and vectors of a creator's works. A vector is keyed by its chunk's content hash within the creator, so
 * retraining embeds only chunks it has not seen, and a resumed job finds what it embedded before it stopped. No
 * vector is ever shared between creators, even for identical text.
 */
@Repository
class ChunkStore {

    record StoredChunk(WorkId work, int ordinal, String contentHash, String section, String text, float[] vector) {
    }

    private final JdbcClient jdbc;

    ChunkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Vectors this creator already has for any of these content hashes. */
    Map<String, float[]> vectorsFor(CreatorId creator, List<String> hashes) {
        var wanted = new java.util.HashSet<>(hashes);
        var found = new HashMap<String, float[]>();
        jdbc.sql("select content_hash, vector from model_chunk where creator_id = :creator")
                .param("creator", creator.value())
                .query(rs -> {
                    var hash = rs.getString(1);
                    if (wanted.contains(hash) && !found.containsKey(hash)) {
                        found.put(hash, vector(rs.getBytes(2)));
                    }
                });
        return found;
    }

    /** The content hash stored at each of the creator's positions, keyed {@code workId:ordinal}. */
    Map<String, String> hashesByPosition(CreatorId creator) {
        var stored = new HashMap<String, String>();
        jdbc.sql("select work_id, ordinal, content_hash from model_chunk where creator_id = :creator")
                .param("creator", creator.value())
                .query(rs -> {
                    stored.put(rs.getObject(1, java.util.UUID.class) + ":" + rs.getInt(2), rs.getString(3));
                });
        return stored;
    }

    /** Replaces what is stored at these positions of the work. */
    void save(CreatorId creator, List<StoredChunk> chunks) {
        for (var chunk : chunks) {
            jdbc.sql("delete from model_chunk where creator_id = :creator and work_id = :work and ordinal = :ordinal")
                    .param("creator", creator.value()).param("work", chunk.work().value())
                    .param("ordinal", chunk.ordinal()).update();
            jdbc.sql("""
                            insert into model_chunk (creator_id, work_id, ordinal, content_hash, section, text, vector)
                            values (:creator, :work, :ordinal, :hash, :section, :text, :vector)""")
                    .param("creator", creator.value()).param("work", chunk.work().value())
                    .param("ordinal", chunk.ordinal()).param("hash", chunk.contentHash())
                    .param("section", chunk.section()).param("text", chunk.text())
                    .param("vector", bytes(chunk.vector()))
                    .update();
        }
    }

    /** Drops positions past the work's current last chunk (its text got shorter). */
    void truncate(CreatorId creator, WorkId work, int chunkCount) {
        jdbc.sql("delete from model_chunk where creator_id = :creator and work_id = :work and ordinal >= :count")
                .param("creator", creator.value()).param("work", work.value()).param("count", chunkCount).update();
    }

    void deleteWork(CreatorId creator, WorkId work) {
        jdbc.sql("delete from model_chunk where creator_id = :creator and work_id = :work")
                .param("creator", creator.value()).param("work", work.value()).update();
    }

    long count(CreatorId creator, WorkId work) {
        return jdbc.sql("select count(*) from model_chunk where creator_id = :creator and work_id = :work")
                .param("creator", creator.value()).param("work", work.value()).query(Long.class).single();
    }

    static byte[] bytes(float[] vector) {
        var buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] vector(byte[] bytes) {
        var vector = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

}
