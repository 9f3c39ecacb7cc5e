package dev.atelier.generation;

import dev.atelier.identity.AuditLog;
import dev.atelier.identity.CreatorId;
import dev.atelier.ledger.LedgerSettings;
import dev.atelier.ledger.Money;
import dev.atelier.personalmodel.ModelVersion;
import dev.atelier.personalmodel.ModelVersionId;
import dev.atelier.personalmodel.ModelVersions;
import dev.atelier.problem.ProblemException;
import dev.atelier.subscription.Entitlements;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creators' offerings. Only a creator with AI features (vetted and paid up) publishes, and only from one of their
 * own ready model versions. Slugs are public (they are the model ids of the OpenAI-compatible API) and never change.
 */
@Component
public class Offerings {

    /** A catalogue search; every field is optional. */
    public record CatalogueQuery(@Nullable String text, @Nullable Pricing pricing, @Nullable Money maxPrice,
                                 @Nullable CreatorId creator) {
        public static CatalogueQuery all() {
            return new CatalogueQuery(null, null, null, null);
        }
    }

    private static final String SELECT = """
            select o.*, a.display_name as creator_name from offering o join account a on a.id = o.creator_id
            """;

    private final JdbcClient jdbc;
    private final ModelVersions versions;
    private final Entitlements entitlements;
    private final AuditLog audit;
    private final GenerationSettings settings;
    private final Currency currency;
    private final Clock clock;

    Offerings(JdbcClient jdbc, ModelVersions versions, Entitlements entitlements, AuditLog audit,
              GenerationSettings settings, LedgerSettings ledger, Clock clock) {
        this.jdbc = jdbc;
        this.versions = versions;
        this.entitlements = entitlements;
        this.audit = audit;
        this.settings = settings;
        this.currency = ledger.currency();
        this.clock = clock;
    }

    @Transactional
    public Offering publish(CreatorId creator, String email, OfferingDraft draft) {
        requireEntitled(creator);
        var version = readyVersion(creator, draft.modelVersion());
        var id = UUID.randomUUID();
        var now = now();
        jdbc.sql("""
                        insert into offering (id, creator_id, slug, model_version_id, title, output_kind, description,
                            guidance, pricing, price_minor, currency, free_previews_per_day, review_before_release,
                            licence_terms, status, created_at, updated_at)
                        values (:id, :creator, :slug, :version, :title, :kind, :description, :guidance, :pricing,
                            :price, :currency, :previews, :review, :licence, 'PUBLISHED', :now, :now)""")
                .param("id", id).param("creator", creator.value()).param("slug", slugFor(draft.title()))
                .param("version", version.id().value())
                .params(columns(draft))
                .param("currency", currency.getCurrencyCode()).param("now", now)
                .update();
        audit.record(creator.account(), email, "OFFERING_PUBLISHED", "offering:" + id, draft.title());
        return find(id).orElseThrow();
    }

    /** Changes an offering; a new price applies to purchases from now on, never to those already made. */
    @Transactional
    public Offering update(CreatorId creator, String email, UUID id, OfferingDraft draft) {
        var current = own(creator, id);
        var version = draft.modelVersion() == null || draft.modelVersion().equals(current.modelVersion().value())
                ? current.modelVersion() : readyVersion(creator, draft.modelVersion()).id();
        jdbc.sql("""
                        update offering set model_version_id = :version, title = :title, output_kind = :kind,
                            description = :description, guidance = :guidance, pricing = :pricing, price_minor = :price,
                            free_previews_per_day = :previews, review_before_release = :review,
                            licence_terms = :licence, updated_at = :now
                        where id = :id and creator_id = :creator""")
                .param("version", version.value()).params(columns(draft)).param("now", now())
                .param("id", id).param("creator", creator.value())
                .update();
        audit.record(creator.account(), email, "OFFERING_CHANGED", "offering:" + id,
                current.priceLabel() + " -> " + find(id).orElseThrow().priceLabel());
        return find(id).orElseThrow();
    }

    /** Takes an offering off the catalogue: no new previews or purchases; past deliveries stay valid. */
    @Transactional
    public Offering unpublish(CreatorId creator, String email, UUID id) {
        return setStatus(creator, email, id, Offering.Status.UNPUBLISHED, "OFFERING_UNPUBLISHED");
    }

    @Transactional
    public Offering republish(CreatorId creator, String email, UUID id) {
        requireEntitled(creator);
        var offering = own(creator, id);
        readyVersion(creator, offering.modelVersion().value());
        return setStatus(creator, email, id, Offering.Status.PUBLISHED, "OFFERING_PUBLISHED");
    }

    public Optional<Offering> find(UUID id) {
        return jdbc.sql(SELECT + " where o.id = :id").param("id", id).query(this::offering).optional();
    }

    public Optional<Offering> findBySlug(String slug) {
        return jdbc.sql(SELECT + " where o.slug = :slug").param("slug", slug).query(this::offering).optional();
    }

    /** A published offering, for a client to preview or buy. */
    public Offering published(String slug) {
        return findBySlug(slug).filter(Offering::isPublished).orElseThrow(() -> ProblemException.notFound(
                "No such offering", "No published offering is called '" + slug + "'."));
    }

    public List<Offering> of(CreatorId creator) {
        return jdbc.sql(SELECT + " where o.creator_id = :creator order by o.created_at desc")
                .param("creator", creator.value()).query(this::offering).list();
    }

    public Offering own(CreatorId creator, UUID id) {
        return find(id).filter(offering -> offering.creator().equals(creator)).orElseThrow(() ->
                ProblemException.notFound("No such offering", "You have no offering with id " + id + "."));
    }

    /** Published offerings matching the query, newest first, at most {@code limit}. */
    public List<Offering> catalogue(CatalogueQuery query, int limit) {
        var where = new ArrayList<String>(List.of("o.status = 'PUBLISHED'"));
        var params = new HashMap<String, Object>();
        if (query.text() != null && !query.text().isBlank()) {
            where.add("(lower(o.title) like :text or lower(o.description) like :text or lower(a.display_name) like :text)");
            params.put("text", "%" + query.text().strip().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (query.pricing() != null) {
            where.add("o.pricing = :pricing");
            params.put("pricing", query.pricing().name());
        }
        if (query.maxPrice() != null) {
            where.add("o.price_minor <= :maxPrice and o.currency = :currency");
            params.put("maxPrice", query.maxPrice().minor());
            params.put("currency", query.maxPrice().currency().getCurrencyCode());
        }
        if (query.creator() != null) {
            where.add("o.creator_id = :creator");
            params.put("creator", query.creator().value());
        }
        params.put("limit", limit);
        return jdbc.sql(SELECT + " where " + String.join(" and ", where)
                        + " order by o.created_at desc, o.id fetch first :limit rows only")
                .params(params).query(this::offering).list();
    }

    public Currency currency() {
        return currency;
    }

    private Offering setStatus(CreatorId creator, String email, UUID id, Offering.Status status, String action) {
        var offering = own(creator, id);
        jdbc.sql("update offering set status = :status, updated_at = :now where id = :id and creator_id = :creator")
                .param("status", status.name()).param("now", now()).param("id", id).param("creator", creator.value())
                .update();
        audit.record(creator.account(), email, action, "offering:" + id, offering.title());
        return find(id).orElseThrow();
    }

    private void requireEntitled(CreatorId creator) {
        var entitlement = entitlements.check(creator.account());
        if (!entitlement.allowed()) {
            throw ProblemException.forbidden("AI features are off", entitlement.message());
        }
    }

    private ModelVersion readyVersion(CreatorId creator, @Nullable UUID requested) {
        var version = requested == null ? versions.active(creator) : versions.find(creator, new ModelVersionId(requested));
        return version.filter(ModelVersion::canBeActivated).orElseThrow(() -> ProblemException.unprocessable(
                "No ready model version", requested == null
                        ? "Train your model first: an offering sells what a ready model version writes."
                        : "You have no ready model version with id " + requested + "."));
    }

    private Map<String, Object> columns(OfferingDraft draft) {
        var licence = draft.licenceTerms() == null || draft.licenceTerms().isBlank()
                ? settings.defaultLicence() : draft.licenceTerms().strip();
        var columns = new HashMap<String, Object>();
        columns.put("title", draft.title().strip());
        columns.put("kind", draft.outputKind().name());
        columns.put("description", draft.description().strip());
        columns.put("guidance", draft.guidance() == null ? "" : draft.guidance().strip());
        columns.put("pricing", draft.pricing().name());
        columns.put("price", Money.parse(draft.price().toPlainString(), currency.getCurrencyCode()).minor());
        columns.put("previews", draft.freePreviewsPerDay());
        columns.put("review", draft.reviewBeforeRelease());
        columns.put("licence", licence);
        return columns;
    }

    /** A readable, unique, permanent slug: the title's words plus a short random suffix. */
    private static String slugFor(String title) {
        var words = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        words = words.length() > 60 ? words.substring(0, 60).replaceAll("-$", "") : words;
        var suffix = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36),
                36);
        return (words.isEmpty() ? "offering" : words) + "-" + suffix;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private Offering offering(ResultSet rs, int row) throws SQLException {
        return new Offering(rs.getObject("id", UUID.class), new CreatorId(rs.getObject("creator_id", UUID.class)),
                rs.getString("creator_name"), rs.getString("slug"),
                new ModelVersionId(rs.getObject("model_version_id", UUID.class)), rs.getString("title"),
                Offering.OutputKind.valueOf(rs.getString("output_kind")), rs.getString("description"),
                rs.getString("guidance"), Pricing.valueOf(rs.getString("pricing")),
                new Money(rs.getLong("price_minor"), Currency.getInstance(rs.getString("currency"))),
                rs.getInt("free_previews_per_day"), rs.getBoolean("review_before_release"),
                rs.getString("licence_terms"), Offering.Status.valueOf(rs.getString("status")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
