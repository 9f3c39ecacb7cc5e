package dev.atelier.generation;

import dev.atelier.identity.AccountId;
import dev.atelier.identity.CreatorId;
import dev.atelier.personalmodel.ModelVersions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;

/**
 * Deliveries: the asset, its licence certificate and its signed manifest, written once inside the purchase's
 * transaction. A client reads only their own deliveries; the creator reads those of their sales.
 */
@Component
public class Deliveries {

    static final String MEDIA_TYPE = "text/plain; charset=utf-8";

    private static final String SELECT = """
            select d.*, a.display_name as creator_name, o.title as offering_title
            from delivery d join account a on a.id = d.creator_id join offering o on o.id = d.offering_id
            """;

    private final JdbcClient jdbc;
    private final Provenance provenance;
    private final ModelVersions versions;
    private final ObjectMapper json;
    private final Clock clock;

    Deliveries(JdbcClient jdbc, Provenance provenance, ModelVersions versions, ObjectMapper json,
               Clock clock) {
        this.jdbc = jdbc;
        this.provenance = provenance;
        this.versions = versions;
        this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
        this.clock = clock;
    }

    /** Writes the delivery of a paid purchase; runs inside the purchase's transaction. */
    Delivery deliver(Purchase purchase, Offering offering, String text, boolean editedByCreator, String engineModel) {
        var id = UUID.randomUUID();
        var licenceId = UUID.randomUUID();
        var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var sha256 = sha256(text);
        var title = offering.title() + " for " + purchase.clientName();
        var version = versions.find(offering.creator(), offering.modelVersion()).orElseThrow();
        var licence = new LinkedHashMap<String, Object>();
        licence.put("type", "Atelier licence certificate");
        licence.put("licenceId", licenceId.toString());
        licence.put("grantedAt", now.toString());
        licence.put("asset", Map.of("id", id.toString(), "title", title, "mediaType", MEDIA_TYPE, "sha256", sha256));
        licence.put("licensor", Map.of("role", "creator", "id", offering.creator().toString(),
                "name", offering.creatorName()));
        licence.put("licensee", Map.of("role", "client", "id", purchase.client().toString(),
                "name", purchase.clientName()));
        licence.put("offering", Map.of("id", offering.id().toString(), "slug", offering.slug(),
                "title", offering.title()));
        licence.put("purchase", Map.of("id", purchase.id().toString(), "price", purchase.price().format()));
        licence.put("terms", offering.licenceTerms());
        licence.put("copyright", "Held by " + offering.creatorName());
        licence.put("doNotTrain", true);
        licence.put("manifest", "urn:uuid:" + id);
        var manifest = provenance.sign(new ManifestFacts(id, title, MEDIA_TYPE, sha256, offering.creator().value(),
                offering.creatorName(), offering.id(), offering.slug(), offering.title(), version.id().value(),
                version.number(), engineModel.isBlank() ? "unknown" : engineModel, licenceId,
                purchase.client().value(), now));
        jdbc.sql("""
                        insert into delivery (id, purchase_id, client_id, creator_id, offering_id, title, text, sha256,
                            licence_id, licence, manifest, edited_by_creator, created_at)
                        values (:id, :purchase, :client, :creator, :offering, :title, :text, :sha, :licenceId,
                            :licence, :manifest, :edited, :now)""")
                .param("id", id).param("purchase", purchase.id()).param("client", purchase.client().value())
                .param("creator", offering.creator().value()).param("offering", offering.id()).param("title", title)
                .param("text", text).param("sha", sha256).param("licenceId", licenceId)
                .param("licence", json.writeValueAsString(licence))
                .param("manifest", new String(manifest.file(), StandardCharsets.UTF_8))
                .param("edited", editedByCreator).param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
        return find(id).orElseThrow();
    }

    /** A client's own delivery. Another client's delivery does not exist for them. */
    public Optional<Delivery> ofClient(AccountId client, UUID id) {
        return jdbc.sql(SELECT + " where d.id = :id and d.client_id = :client")
                .param("id", id).param("client", client.value()).query(this::delivery).optional();
    }

    public List<Delivery> ofClient(AccountId client, int limit) {
        return jdbc.sql(SELECT + " where d.client_id = :client order by d.created_at desc fetch first :limit rows only")
                .param("client", client.value()).param("limit", limit).query(this::delivery).list();
    }

    public Optional<Delivery> ofCreator(CreatorId creator, UUID id) {
        return jdbc.sql(SELECT + " where d.id = :id and d.creator_id = :creator")
                .param("id", id).param("creator", creator.value()).query(this::delivery).optional();
    }

    Optional<Delivery> find(UUID id) {
        return jdbc.sql(SELECT + " where d.id = :id").param("id", id).query(this::delivery).optional();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getObject("id", UUID.class), rs.getObject("purchase_id", UUID.class),
                new AccountId(rs.getObject("client_id", UUID.class)),
                new CreatorId(rs.getObject("creator_id", UUID.class)), rs.getString("creator_name"),
                rs.getObject("offering_id", UUID.class), rs.getString("offering_title"), rs.getString("title"),
                rs.getString("text"), rs.getString("sha256"), rs.getObject("licence_id", UUID.class),
                rs.getString("licence"), rs.getString("manifest"), rs.getBoolean("edited_by_creator"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
