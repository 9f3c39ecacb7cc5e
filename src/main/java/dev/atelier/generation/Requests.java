package dev.atelier.generation;

import dev.atelier.identity.AccountId;
import dev.atelier.identity.CreatorId;
import dev.atelier.identity.SignedInAccount;
import dev.atelier.problem.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Request threads between a client and the human creator, each linked to a delivered asset. Only the two parties
 * read or write a thread.
 */
@Component
public class Requests {

    static final int MAX_BODY = 8000;

    private static final String SELECT = """
            select t.*, d.title as delivery_title, c.display_name as client_name, a.display_name as creator_name
            from request_thread t join delivery d on d.id = t.delivery_id join account c on c.id = t.client_id
                 join account a on a.id = t.creator_id
            """;

    private final JdbcClient jdbc;
    private final Deliveries deliveries;
    private final Clock clock;

    Requests(JdbcClient jdbc, Deliveries deliveries, Clock clock) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Transactional
    public RequestThread open(SignedInAccount client, UUID deliveryId, RequestThread.Kind kind,
                              @Nullable String message) {
        var body = requireBody(message);
        var delivery = deliveries.ofClient(client.id(), deliveryId).orElseThrow(() -> ProblemException.notFound(
                "No such delivery", "You have no delivery with id " + deliveryId + "."));
        var id = UUID.randomUUID();
        jdbc.sql("""
                        insert into request_thread (id, delivery_id, client_id, creator_id, kind, subject, status,
                            created_at)
                        values (:id, :delivery, :client, :creator, :kind, :subject, 'OPEN', :now)""")
                .param("id", id).param("delivery", deliveryId).param("client", client.id().value())
                .param("creator", delivery.creator().value()).param("kind", kind.name())
                .param("subject", kind.label() + ": " + delivery.title()).param("now", now())
                .update();
        addMessage(id, client.id(), body);
        return find(client.id(), id).orElseThrow();
    }

    @Transactional
    public RequestThread reply(SignedInAccount author, UUID threadId, @Nullable String message) {
        var body = requireBody(message);
        var thread = find(author.id(), threadId).orElseThrow(() -> notFound(threadId));
        if (thread.status() == RequestThread.Status.CLOSED) {
            throw ProblemException.conflict("Request closed", "This request is closed; open a new one.");
        }
        addMessage(threadId, author.id(), body);
        return find(author.id(), threadId).orElseThrow();
    }

    @Transactional
    public RequestThread close(SignedInAccount party, UUID threadId) {
        find(party.id(), threadId).orElseThrow(() -> notFound(threadId));
        jdbc.sql("update request_thread set status = 'CLOSED' where id = :id").param("id", threadId).update();
        return find(party.id(), threadId).orElseThrow();
    }

    /** A thread that {@code party} is the client or the creator of. */
    public Optional<RequestThread> find(AccountId party, UUID id) {
        return jdbc.sql(SELECT + " where t.id = :id and (t.client_id = :party or t.creator_id = :party)")
                .param("id", id).param("party", party.value()).query(this::thread).optional();
    }

    public List<RequestThread> ofParty(AccountId party, int limit) {
        return jdbc.sql(SELECT + " where t.client_id = :party or t.creator_id = :party "
                        + "order by t.created_at desc fetch first :limit rows only")
                .param("party", party.value()).param("limit", limit).query(this::thread).list();
    }

    public int openFor(CreatorId creator) {
        return jdbc.sql("select count(*) from request_thread where creator_id = :creator and status = 'OPEN'")
                .param("creator", creator.value()).query(Integer.class).single();
    }

    private static String requireBody(@Nullable String message) {
        if (message == null || message.isBlank() || message.strip().length() > MAX_BODY) {
            throw ProblemException.badRequest("Invalid message", "Write 1 to " + MAX_BODY + " characters.");
        }
        return message.strip();
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No such request", "You have no request with id " + id + ".");
    }

    private void addMessage(UUID thread, AccountId author, String body) {
        jdbc.sql("insert into request_message (thread_id, author_id, body, created_at) values (:thread, :author, :body, :now)")
                .param("thread", thread).param("author", author.value()).param("body", body).param("now", now())
                .update();
    }

    private List<RequestThread.Message> messages(UUID thread) {
        return jdbc.sql("""
                        select m.author_id, a.display_name, m.body, m.created_at from request_message m
                            join account a on a.id = m.author_id
                        where m.thread_id = :thread order by m.id""")
                .param("thread", thread)
                .query((rs, n) -> new RequestThread.Message(new AccountId(rs.getObject(1, UUID.class)),
                        rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant()))
                .list();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private RequestThread thread(ResultSet rs, int row) throws SQLException {
        var id = rs.getObject("id", UUID.class);
        return new RequestThread(id, rs.getObject("delivery_id", UUID.class), rs.getString("delivery_title"),
                new AccountId(rs.getObject("client_id", UUID.class)), rs.getString("client_name"),
                new CreatorId(rs.getObject("creator_id", UUID.class)), rs.getString("creator_name"),
                RequestThread.Kind.valueOf(rs.getString("kind")), rs.getString("subject"),
                RequestThread.Status.valueOf(rs.getString("status")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), messages(id));
    }
}
