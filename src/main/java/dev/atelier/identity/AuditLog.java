package dev.atelier.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records security-relevant actions: who did what to which target, when, and from which address. The actor and
 * address are taken from the current request unless given. Writes join the caller's transaction, so an action that
 * rolls back leaves no audit entry claiming it happened.
 */
@Component
public class AuditLog {

    public record Entry(Instant occurredAt, @Nullable String actorEmail, String action, @Nullable String target,
                        @Nullable String detail, @Nullable String ip) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.SUPPORTS)
    public void record(String action, @Nullable String target, @Nullable String detail) {
        var principal = SecurityContextHolder.getContext().getAuthentication() == null ? null
                : SecurityContextHolder.getContext().getAuthentication().getPrincipal();
        if (principal instanceof SignedInAccount actor) {
            record(actor.id(), actor.email(), action, target, detail);
        } else {
            record(null, null, action, target, detail);
        }
    }

    @Transactional(propagation = Propagation.SUPPORTS)
    public void record(@Nullable AccountId actor, @Nullable String actorEmail, String action, @Nullable String target,
                       @Nullable String detail) {
        jdbc.sql("""
                        insert into audit_event (occurred_at, actor_id, actor_email, action, target, detail, ip)
                        values (:at, :actor, :email, :action, :target, :detail, :ip)""")
                .param("at", OffsetDateTime.now(clock.withZone(ZoneOffset.UTC)))
                .param("actor", actor == null ? null : actor.value())
                .param("email", actorEmail)
                .param("action", action)
                .param("target", truncate(target, 200))
                .param("detail", truncate(detail, 1000))
                .param("ip", currentIp())
                .update();
    }

    public List<Entry> latest(int limit) {
        return jdbc.sql("""
                        select occurred_at, actor_email, action, target, detail, ip from audit_event
                        order by id desc fetch first :limit rows only""")
                .param("limit", limit)
                .query(AuditLog::entry)
                .list();
    }

    public List<Entry> about(String target) {
        return jdbc.sql("""
                        select occurred_at, actor_email, action, target, detail, ip from audit_event
                        where target = :target order by id""")
                .param("target", target)
                .query(AuditLog::entry)
                .list();
    }

    private static @Nullable String currentIp() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRemoteAddr() : null;
    }

    private static @Nullable String truncate(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor_email"),
                rs.getString("action"), rs.getString("target"), rs.getString("detail"), rs.getString("ip"));
    }
}
