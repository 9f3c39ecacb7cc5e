package dev.atelier.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.atelier.problem.ProblemException;

/**
 * The vetting workflow: creators submit applications, reviewers decide. Other modules ask {@link #statusOf}.
 * A decision is a conditional update on a submitted application, so two reviewers deciding at once cannot both win.
 */
@Component
public class Vetting {

    private static final String SELECT = """
            select a.creator_id, c.display_name, c.email, a.headline, a.categories, a.portfolio_links, a.statement,
                   a.status, a.reason, a.submitted_at, a.decided_at
            from creator_application a join account c on c.id = a.creator_id
            """;

    private final JdbcClient jdbc;
    private final AccountRepository accounts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Vetting(JdbcClient jdbc, AccountRepository accounts, AuditLog audit, ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public VettingStatus statusOf(AccountId creator) {
        return applicationOf(creator).map(CreatorApplication::status).orElse(VettingStatus.NOT_APPLIED);
    }

    public Optional<CreatorApplication> applicationOf(AccountId creator) {
        return jdbc.sql(SELECT + " where a.creator_id = :creator")
                .param("creator", creator.value())
                .query(Vetting::application)
                .optional();
    }

    /** Applications waiting for a decision, oldest first. */
    public List<CreatorApplication> queue() {
        return jdbc.sql(SELECT + " where a.status = 'SUBMITTED' order by a.submitted_at")
                .query(Vetting::application)
                .list();
    }

    /** Submits or resubmits; expects a validated form. An approved creator has nothing left to submit. */
    @Transactional
    CreatorApplication submit(AccountId creator, ApplicationForm form) {
        var account = accounts.findById(creator).filter(Account::isCreator)
                .orElseThrow(() -> ProblemException.forbidden("Not a creator", "Only creators apply to be vetted."));
        var existing = applicationOf(creator);
        if (existing.isPresent() && !existing.get().editable()) {
            throw ProblemException.conflict("Already approved", "Your application has been approved already.");
        }
        var sql = existing.isPresent() ? """
                update creator_application set headline = :headline, categories = :categories,
                    portfolio_links = :links, statement = :statement, status = 'SUBMITTED', reason = null,
                    submitted_at = :now, decided_at = null, decided_by = null
                where creator_id = :creator and status <> 'APPROVED'""" : """
                insert into creator_application
                    (creator_id, headline, categories, portfolio_links, statement, status, submitted_at)
                values (:creator, :headline, :categories, :links, :statement, 'SUBMITTED', :now)""";
        jdbc.sql(sql)
                .param("creator", creator.value())
                .param("headline", Objects.requireNonNull(form.headline()).trim())
                .param("categories", joined(form.categories()))
                .param("links", joined(form.portfolioLinks()))
                .param("statement", Objects.requireNonNull(form.statement()).trim())
                .param("now", OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)))
                .update();
        audit.record(account.id(), account.email(), existing.isPresent() ? "VETTING_RESUBMITTED" : "VETTING_SUBMITTED",
                "account:" + creator, form.headline());
        return applicationOf(creator).orElseThrow();
    }

    /** Expects a validated decision form. */
    @Transactional
    CreatorApplication decide(AccountId creator, DecisionForm form, SignedInAccount reviewer) {
        var application = applicationOf(creator).orElseThrow(() -> ProblemException.notFound(
                "No application", "This creator has not applied."));
        application.requireDecidable();
        var decision = Objects.requireNonNull(form.decision());
        var reason = form.reason() == null || form.reason().isBlank() ? null : form.reason().trim();
        var changed = jdbc.sql("""
                        update creator_application set status = :status, reason = :reason, decided_at = :now,
                            decided_by = :reviewer
                        where creator_id = :creator and status = 'SUBMITTED'""")
                .param("status", decision.outcome().name())
                .param("reason", reason)
                .param("now", OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)))
                .param("reviewer", reviewer.id().value())
                .param("creator", creator.value())
                .update();
        if (changed != 1) {
            throw ProblemException.conflict("Application not awaiting review",
                    "Another reviewer decided on this application a moment ago.");
        }
        audit.record(reviewer.id(), reviewer.email(), "VETTING_" + decision.name(), "account:" + creator, reason);
        events.publishEvent(new CreatorVetted(creator, decision.outcome()));
        return applicationOf(creator).orElseThrow();
    }

    private static String joined(@Nullable List<String> values) {
        return values == null ? "" : String.join("\n", values.stream().map(String::trim)
                .filter(value -> !value.isEmpty()).toList());
    }

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split("\n"));
    }

    private static CreatorApplication application(ResultSet rs, int row) throws SQLException {
        var decidedAt = rs.getObject("decided_at", OffsetDateTime.class);
        return new CreatorApplication(new AccountId(rs.getObject("creator_id", UUID.class)),
                rs.getString("display_name"), rs.getString("email"), rs.getString("headline"),
                split(rs.getString("categories")), split(rs.getString("portfolio_links")), rs.getString("statement"),
                VettingStatus.valueOf(rs.getString("status")), rs.getString("reason"),
                rs.getObject("submitted_at", OffsetDateTime.class).toInstant(),
                decidedAt == null ? null : decidedAt.toInstant());
    }
}
