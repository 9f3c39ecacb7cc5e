package dev.atelier.ledger;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atelier.identity.AccountId;
import dev.atelier.problem.ProblemException;

/**
 * Writes transfers and reads balances and statements.
 *
 * <p>Correctness under concurrency rests on the database: the idempotency key is unique, so of two requests with
 * one key only one inserts its transaction; and each balance changes by one conditional update that holds the row
 * lock and refuses to take a wallet below zero (with a check constraint behind it). Rows are updated in one global
 * order (owned accounts, then platform accounts, each by id), so two transfers never wait on each other in a cycle. A transfer that loses a race is retried and then sees
 * the winner's transaction as a replay.
 */
@Component
public class Ledger {

    private static final int MAX_ATTEMPTS = 8;

    /** An account's identity never changes once opened, so it is cached; balances are always read fresh. */
    private record Opened(UUID id, AccountKind kind, Currency currency) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Map<String, Opened> opened = new ConcurrentHashMap<>();
    private final String applyPosting;

    Ledger(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, DataSource dataSource) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.applyPosting = conditionalUpdateReturningBalance(dataSource);
    }

    /**
     * One round trip that applies a posting only if it keeps the account within its rule, and returns the new
     * balance (no row: refused). PostgreSQL says this with RETURNING, H2 with a data change delta table.
     */
    private static String conditionalUpdateReturningBalance(DataSource dataSource) {
        var update = "update ledger_account set balance = balance + :amount "
                + "where id = :id and (may_go_negative or balance + :amount >= 0)";
        try {
            var product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return "PostgreSQL".equals(product) ? update + " returning balance"
                    : "select balance from final table (" + update + ")";
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell which database the ledger runs on", e);
        }
    }

    /**
     * Writes the transfer, or returns the transaction already written under its key.
     *
     * @throws InsufficientFunds if a wallet or earnings account would go below zero
     * @throws ProblemException (409) if the key was used before for a different request
     */
    public Receipt post(Transfer transfer) {
        return post(transfer, receipt -> {
        });
    }

    /**
     * Writes the transfer and runs {@code alsoInTransaction} in the same database transaction, so a caller's own
     * state change (an activated subscription, a paid purchase) commits or rolls back with the money. The callback
     * does not run for a replay. Inside a caller's transaction this joins it and does not retry: a lost race then
     * surfaces as the database's exception and rolls the caller back.
     */
    public Receipt post(Transfer transfer, Consumer<Receipt> alsoInTransaction) {
        var fingerprint = transfer.fingerprint();
        transfer.legs().forEach(this::resolve);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return write(transfer, fingerprint, alsoInTransaction);
        }
        for (var attempt = 1; ; attempt++) {
            try {
                return Objects.requireNonNull(transactions.execute(status ->
                        write(transfer, fingerprint, alsoInTransaction)));
            } catch (DuplicateKeyException | TransientDataAccessException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /** The transaction written under this key, if any. */
    public Optional<Receipt> find(String idempotencyKey) {
        return jdbc.sql("select id, kind, memo, created_at from ledger_transaction where idempotency_key = :key")
                .param("key", idempotencyKey)
                .query((rs, n) -> {
                    var id = rs.getObject("id", UUID.class);
                    return new Receipt(id, rs.getString("kind"), rs.getString("memo"),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(), postingsOf(id), true);
                })
                .optional();
    }

    public LedgerAccount open(AccountRef ref) {
        var existing = byHandle(ref.handle());
        if (existing.isPresent()) {
            return existing.get();
        }
        jdbc.sql("""
                        insert into ledger_account (id, handle, kind, owner_id, currency, balance, may_go_negative,
                            created_at)
                        values (:id, :handle, :kind, :owner, :currency, 0, :negative, :now)
                        on conflict do nothing""")
                .param("id", UUID.randomUUID())
                .param("handle", ref.handle())
                .param("kind", ref.kind().name())
                .param("owner", ref.owner() == null ? null : ref.owner().value())
                .param("currency", ref.currency().getCurrencyCode())
                .param("negative", ref.kind().mayGoNegative())
                .param("now", now())
                .update();
        return byHandle(ref.handle()).orElseThrow();
    }

    private Opened resolve(Transfer.Leg leg) {
        return resolve(leg.account());
    }

    private Opened resolve(AccountRef ref) {
        var cached = opened.get(ref.handle());
        if (cached != null) {
            return cached;
        }
        var account = open(ref);
        var resolved = new Opened(account.id(), account.kind(), account.balance().currency());
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            opened.put(ref.handle(), resolved);
        }
        return resolved;
    }

    public Optional<LedgerAccount> account(UUID id) {
        return jdbc.sql("select id, kind, owner_id, currency, balance from ledger_account where id = :id")
                .param("id", id)
                .query(Ledger::account)
                .optional();
    }

    /** The owner's accounts, opening their wallet in the platform currency if they have none yet. */
    public List<LedgerAccount> accountsOf(AccountId owner) {
        return jdbc.sql("""
                        select id, kind, owner_id, currency, balance from ledger_account
                        where owner_id = :owner order by kind, currency""")
                .param("owner", owner.value())
                .query(Ledger::account)
                .list();
    }

    public Money balance(AccountRef ref) {
        return byHandle(ref.handle()).map(LedgerAccount::balance).orElseGet(() -> new Money(0, ref.currency()));
    }

    /** Postings on the account, newest first, older than {@code beforePosting} when given. */
    public List<StatementLine> statement(UUID account, @Nullable Long beforePosting, int limit) {
        return jdbc.sql("""
                        select p.id, p.transaction_id, t.kind, t.memo, t.created_at, p.amount, p.balance_after,
                               a.currency
                        from ledger_posting p
                            join ledger_transaction t on t.id = p.transaction_id
                            join ledger_account a on a.id = p.account_id
                        where p.account_id = :account and p.id < :before
                        order by p.id desc fetch first :limit rows only""")
                .param("account", account)
                .param("before", beforePosting == null ? Long.MAX_VALUE : beforePosting)
                .param("limit", limit)
                .query((rs, n) -> {
                    var currency = Currency.getInstance(rs.getString("currency"));
                    return new StatementLine(rs.getLong("id"), rs.getObject("transaction_id", UUID.class),
                            rs.getString("kind"), rs.getString("memo"),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            new Money(rs.getLong("amount"), currency), new Money(rs.getLong("balance_after"), currency));
                })
                .list();
    }

    private Receipt write(Transfer transfer, String fingerprint, Consumer<Receipt> alsoInTransaction) {
        var existing = jdbc.sql("select request_hash from ledger_transaction where idempotency_key = :key")
                .param("key", transfer.idempotencyKey())
                .query(String.class)
                .optional();
        if (existing.isPresent()) {
            if (!existing.get().equals(fingerprint)) {
                throw ProblemException.conflict("Idempotency key reused",
                        "This idempotency key was already used for a different request.");
            }
            return find(transfer.idempotencyKey()).orElseThrow();
        }
        var id = UUID.randomUUID();
        var createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                        insert into ledger_transaction (id, idempotency_key, request_hash, kind, memo, created_at)
                        values (:id, :key, :hash, :kind, :memo, :now)""")
                .param("id", id)
                .param("key", transfer.idempotencyKey())
                .param("hash", fingerprint)
                .param("kind", transfer.kind())
                .param("memo", transfer.memo())
                .param("now", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .update();
        record Resolved(Opened account, long amount) {
        }
        // Owned accounts first, platform accounts last, each group in id order: one global order (so no deadlock
        // cycles), and the platform rows that every purchase touches are locked for the shortest time.
        var resolved = transfer.legs().stream()
                .map(leg -> new Resolved(resolve(leg), leg.amount()))
                .sorted(Comparator.comparing((Resolved leg) -> !leg.account().kind().owned())
                        .thenComparing(leg -> leg.account().id()))
                .toList();
        var postings = new ArrayList<Receipt.Posting>();
        for (var leg : resolved) {
            var balanceAfter = jdbc.sql(applyPosting)
                    .param("amount", leg.amount())
                    .param("id", leg.account().id())
                    .query(Long.class)
                    .optional()
                    .orElseThrow(() -> new InsufficientFunds(leg.account().kind(),
                            new Money(-leg.amount(), leg.account().currency())));
            postings.add(new Receipt.Posting(leg.account().id(), leg.amount(), balanceAfter));
        }
        var insert = jdbc.sql("insert into ledger_posting (transaction_id, account_id, amount, balance_after) values "
                + String.join(", ", java.util.Collections.nCopies(postings.size(), "(?, ?, ?, ?)")));
        var index = 1;
        for (var posting : postings) {
            insert = insert.param(index++, id).param(index++, posting.account()).param(index++, posting.amount())
                    .param(index++, posting.balanceAfter());
        }
        insert.update();
        var receipt = new Receipt(id, transfer.kind(), transfer.memo(), createdAt, List.copyOf(postings), false);
        alsoInTransaction.accept(receipt);
        return receipt;
    }

    private List<Receipt.Posting> postingsOf(UUID transaction) {
        return jdbc.sql("""
                        select account_id, amount, balance_after from ledger_posting
                        where transaction_id = :tx order by id""")
                .param("tx", transaction)
                .query((rs, n) -> new Receipt.Posting(rs.getObject("account_id", UUID.class), rs.getLong("amount"),
                        rs.getLong("balance_after")))
                .list();
    }

    private Optional<LedgerAccount> byHandle(String handle) {
        return jdbc.sql("select id, kind, owner_id, currency, balance from ledger_account where handle = :handle")
                .param("handle", handle)
                .query(Ledger::account)
                .optional();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a ledger transfer", e);
        }
    }

    private static LedgerAccount account(ResultSet rs, int row) throws SQLException {
        var owner = rs.getObject("owner_id", UUID.class);
        return new LedgerAccount(rs.getObject("id", UUID.class), AccountKind.valueOf(rs.getString("kind")),
                owner == null ? null : new AccountId(owner),
                new Money(rs.getLong("balance"), Currency.getInstance(rs.getString("currency"))));
    }
}
