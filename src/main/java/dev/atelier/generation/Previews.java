package dev.atelier.generation;

import dev.atelier.engine.Cancellation;
import dev.atelier.engine.CompletionRequest;
import dev.atelier.identity.AccountId;
import dev.atelier.identity.CreatorId;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.ledger.Money;
import dev.atelier.problem.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Previews: each takes one of the client's free previews of that offering for the day (UTC), then writes drafts in
 * the background while {@link PreviewProgress} tells the browser how far it is. A preview that fails gives its free
 * preview back.
 *
 * <p>The quota is a counter row per client, offering and day, raised by one conditional update, so concurrent
 * requests can never take more previews than allowed.
 */
@Component
public class Previews implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Previews.class);
    static final int MIN_BRIEF = 10;
    static final int MAX_BRIEF = 4000;

    private static final String SELECT = """
            select p.*, o.slug, o.title as offering_title, o.pricing, o.price_minor, o.currency,
                   a.display_name as creator_name, pu.id as purchase_id
            from preview p join offering o on o.id = p.offering_id join account a on a.id = p.creator_id
                 left join purchase pu on pu.preview_id = p.id
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Offerings offerings;
    private final Drafts drafts;
    private final PreviewProgress progress;
    private final GenerationSettings settings;
    private final Clock clock;
    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();

    Previews(JdbcClient jdbc, TransactionTemplate transactions, Offerings offerings, Drafts drafts,
             PreviewProgress progress, GenerationSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.offerings = offerings;
        this.drafts = drafts;
        this.progress = progress;
        this.settings = settings;
        this.clock = clock;
    }

    /** How many free previews the client has left today for the offering. */
    public int remainingToday(AccountId client, Offering offering) {
        var used = jdbc.sql("select used from preview_quota where client_id = :client and offering_id = :offering "
                        + "and quota_day = :day")
                .param("client", client.value()).param("offering", offering.id()).param("day", today())
                .query(Integer.class).optional().orElse(0);
        return Math.max(0, offering.freePreviewsPerDay() - used);
    }

    /**
     * Takes a free preview and starts writing. Refused, with nothing taken, when the brief is unusable, the offering
     * is not published or is the client's own, no model can serve, or today's free previews are used up.
     */
    public Preview start(SignedInAccount client, String slug, @Nullable String brief) {
        var text = brief == null ? "" : brief.strip();
        if (text.length() < MIN_BRIEF || text.length() > MAX_BRIEF) {
            throw ProblemException.badRequest("Invalid brief", "Describe what you need in " + MIN_BRIEF + " to "
                    + MAX_BRIEF + " characters; this brief has " + text.length() + ".");
        }
        var offering = offerings.published(slug);
        refuseOwn(client.id(), offering);
        drafts.requireEngine();
        var id = UUID.randomUUID();
        var day = today();
        transactions.executeWithoutResult(status -> {
            takeFreePreview(client.id(), offering, day);
            jdbc.sql("""
                            insert into preview (id, offering_id, client_id, creator_id, model_version_id, brief, status,
                                quota_day, candidates, created_at)
                            values (:id, :offering, :client, :creator, :version, :brief, 'GENERATING', :day,
                                :candidates, :now)""")
                    .param("id", id).param("offering", offering.id()).param("client", client.id().value())
                    .param("creator", offering.creator().value()).param("version", offering.modelVersion().value())
                    .param("brief", text).param("day", day).param("candidates", settings.previewCandidates())
                    .param("now", now())
                    .update();
        });
        var live = progress.open(id);
        writers.execute(() -> write(id, offering, text, live));
        return find(client.id(), id).orElseThrow();
    }

    /** A client's own preview; other clients' previews do not exist for them. */
    public Optional<Preview> find(AccountId client, UUID id) {
        return jdbc.sql(SELECT + " where p.id = :id and p.client_id = :client")
                .param("id", id).param("client", client.value()).query(this::preview).optional();
    }

    public List<Preview> of(AccountId client, int limit) {
        return jdbc.sql(SELECT + " where p.client_id = :client order by p.created_at desc fetch first :limit rows only")
                .param("client", client.value()).param("limit", limit).query(this::preview).list();
    }

    /** Chunk ids a preview retrieved, best first: the isolation audit trail. */
    public List<String> retrievedChunks(UUID preview) {
        return jdbc.sql("select chunk_id from retrieval_log where source_id = :id order by rank")
                .param("id", preview).query(String.class).list();
    }

    static void refuseOwn(AccountId client, Offering offering) {
        if (offering.creator().value().equals(client.value())) {
            throw ProblemException.forbidden("Your own offering", "Creators cannot preview or buy their own "
                    + "offerings: it would move money in a circle and count as a sale. Try your model on the model "
                    + "page instead.");
        }
    }

    private void takeFreePreview(AccountId client, Offering offering, LocalDate day) {
        jdbc.sql("insert into preview_quota (client_id, offering_id, quota_day, used) values (:client, :offering, :day, 0) "
                        + "on conflict do nothing")
                .param("client", client.value()).param("offering", offering.id()).param("day", day).update();
        var taken = jdbc.sql("update preview_quota set used = used + 1 where client_id = :client "
                        + "and offering_id = :offering and quota_day = :day and used < :limit")
                .param("client", client.value()).param("offering", offering.id()).param("day", day)
                .param("limit", offering.freePreviewsPerDay()).update();
        if (taken == 0) {
            var tomorrow = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            var exception = new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "Free previews used up",
                    "You have used today's " + offering.freePreviewsPerDay() + " free previews of '"
                            + offering.title() + "'. More are available from " + tomorrow + " (midnight UTC).");
            exception.getHeaders().set(HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, Duration.between(clock.instant(), tomorrow).toSeconds())));
            throw exception;
        }
    }

    private void write(UUID id, Offering offering, String brief, PreviewProgress.Live live) {
        try {
            var request = new Drafts.Request(settings.previewCandidates(), settings.maxTokens(),
                    CompletionRequest.DEFAULT_TEMPERATURE, id.getMostSignificantBits(), List.of(), live.cancellation());
            var draft = drafts.write(offering, brief, id, request, live);
            if (draft.text().isBlank()) {
                throw new IllegalStateException("the model wrote nothing");
            }
            var marked = PreviewMark.mark(draft.text(), offering.creatorName(), settings.previewShare());
            jdbc.sql("""
                            update preview set status = 'READY', full_text = :full, shown_text = :shown, words = :words,
                                shown_words = :shownWords, style_score = :score, engine_model = :model,
                                prompt_tokens = :promptTokens, completion_tokens = :completionTokens,
                                finished_at = :now
                            where id = :id and status = 'GENERATING'""")
                    .param("full", draft.text()).param("shown", marked.text()).param("words", marked.totalWords())
                    .param("shownWords", marked.shownWords()).param("score", draft.styleScore())
                    .param("model", draft.engineModel()).param("promptTokens", draft.promptTokens())
                    .param("completionTokens", draft.completionTokens()).param("now", now()).param("id", id)
                    .update();
            live.finished(jdbc.sql(SELECT + " where p.id = :id").param("id", id).query(this::preview).single());
        } catch (RuntimeException e) {
            var reason = e instanceof ProblemException problem ? problem.detail()
                    : "The model could not write this preview (" + e.getMessage() + "). Your free preview was given back.";
            log.warn("Preview {} failed: {}", id, e.toString());
            fail(id, reason);
            live.failed(reason);
        }
    }

    /** Marks a preview failed and gives its free preview back, once. */
    private void fail(UUID id, String reason) {
        transactions.executeWithoutResult(status -> {
            var failed = jdbc.sql("""
                            update preview set status = 'FAILED', failure = :reason, finished_at = :now
                            where id = :id and status = 'GENERATING'""")
                    .param("reason", reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                    .param("now", now()).param("id", id).update();
            if (failed == 1) {
                jdbc.sql("""
                                update preview_quota set used = used - 1
                                where (client_id, offering_id, quota_day) = (select client_id, offering_id, quota_day
                                    from preview where id = :id) and used > 0""")
                        .param("id", id).update();
            }
        });
    }

    /** Previews whose writer died with its node (a crash or restart) are failed and their free preview returned. */
    @Scheduled(fixedDelayString = "1m", initialDelayString = "1m")
    void failAbandoned() {
        var cutoff = clock.instant().minus(settings.timeout().multipliedBy(Math.max(2, settings.previewCandidates())))
                .minus(Duration.ofMinutes(1));
        var abandoned = jdbc.sql("select id from preview where status = 'GENERATING' and created_at < :cutoff")
                .param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC)).query(UUID.class).list();
        abandoned.stream().filter(id -> !progress.isLive(id))
                .forEach(id -> fail(id, "The preview was interrupted (the server restarted). Your free preview was "
                        + "given back; please try again."));
    }

    @Override
    public void close() {
        writers.shutdownNow();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private Preview preview(ResultSet rs, int row) throws SQLException {
        var status = Preview.Status.valueOf(rs.getString("status"));
        var words = (Integer) rs.getObject("words", Integer.class);
        var pricing = Pricing.valueOf(rs.getString("pricing"));
        var price = Money.of(rs.getLong("price_minor"), rs.getString("currency"));
        var quote = words == null ? null : pricing.price(price, words);
        return new Preview(rs.getObject("id", UUID.class), rs.getObject("offering_id", UUID.class),
                rs.getString("slug"), rs.getString("offering_title"), new AccountId(rs.getObject("client_id", UUID.class)),
                new CreatorId(rs.getObject("creator_id", UUID.class)), rs.getString("creator_name"),
                rs.getString("brief"), status, rs.getString("shown_text"), words,
                (Integer) rs.getObject("shown_words", Integer.class), (Double) rs.getObject("style_score", Double.class),
                rs.getInt("candidates"), quote, rs.getString("failure"), rs.getObject("purchase_id", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("full_text"));
    }
}
