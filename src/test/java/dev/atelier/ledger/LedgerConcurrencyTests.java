package dev.atelier.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.atelier.AtelierTest;
import dev.atelier.identity.AccountId;

/**
 * Many threads buy at once from wallets that cannot afford every purchase, and retry purchases at random, from the
 * same or another thread, reusing the idempotency key. The ledger must write each purchase at most once, never let
 * a wallet go negative, and keep every transaction balanced and every balance equal to its postings.
 */
@AtelierTest
class LedgerConcurrencyTests {

    private static final Currency USD = Currency.getInstance("USD");
    private static final int THREADS = 16;
    private static final int PURCHASES_PER_THREAD = 40;
    private static final long WALLET_FUNDS = 5_000;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    record Purchase(String key, AccountRef wallet, AccountRef earnings, long price) {
        Transfer transfer() {
            var fee = price / 5;
            return new Transfer(key, "PURCHASE", "test purchase", List.of(
                    new Transfer.Leg(wallet, -price),
                    new Transfer.Leg(earnings, price - fee),
                    new Transfer.Leg(AccountRef.platform(AccountKind.PLATFORM_REVENUE, USD), fee)));
        }
    }

    @Test
    void concurrent_purchases_with_retried_keys_post_once_balance_and_never_overdraw() throws Exception {
        var wallets = new ArrayList<AccountRef>();
        for (var i = 0; i < 6; i++) {
            var wallet = AccountRef.wallet(AccountId.random(), USD);
            ledger.post(Transfer.between("fund:" + UUID.randomUUID(), "TOP_UP", "funds",
                    AccountRef.platform(AccountKind.EXTERNAL_CASH, USD), wallet, new Money(WALLET_FUNDS, USD)));
            wallets.add(wallet);
        }
        var creators = List.of(AccountRef.earnings(AccountId.random(), USD),
                AccountRef.earnings(AccountId.random(), USD));

        var posted = new ConcurrentHashMap<String, UUID>();
        var refused = ConcurrentHashMap.<String>newKeySet();
        var replays = new AtomicInteger();
        var sameTransactionOnReplay = new AtomicInteger();
        var retryLater = new ConcurrentLinkedQueue<Purchase>();
        var failures = Collections.synchronizedList(new ArrayList<Throwable>());
        var start = new CountDownLatch(1);

        try (var pool = Executors.newFixedThreadPool(THREADS)) {
            for (var t = 0; t < THREADS; t++) {
                pool.submit(() -> {
                    var random = ThreadLocalRandom.current();
                    try {
                        start.await();
                        for (var n = 0; n < PURCHASES_PER_THREAD; n++) {
                            var purchase = new Purchase(UUID.randomUUID().toString(),
                                    wallets.get(random.nextInt(wallets.size())),
                                    creators.get(random.nextInt(creators.size())), 100 + random.nextInt(400));
                            var attempts = 1 + (random.nextInt(3) == 0 ? random.nextInt(1, 4) : 0);
                            for (var a = 0; a < attempts; a++) {
                                attempt(purchase, posted, refused, replays, sameTransactionOnReplay);
                            }
                            if (random.nextBoolean()) {
                                retryLater.add(purchase);
                            }
                            var other = retryLater.poll();
                            if (other != null) {
                                attempt(other, posted, refused, replays, sameTransactionOnReplay);
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        }

        assertThat(failures).isEmpty();
        assertThat(replays.get()).as("some keys were retried").isPositive();
        assertThat(sameTransactionOnReplay.get()).isEqualTo(replays.get());
        assertThat(refused).as("wallets ran dry, so the overdraft rule was exercised").isNotEmpty();

        var accountIds = new ArrayList<UUID>();
        wallets.forEach(wallet -> accountIds.add(ledger.open(wallet).id()));
        creators.forEach(earnings -> accountIds.add(ledger.open(earnings).id()));

        var keys = new ArrayList<>(posted.keySet());
        var writtenTransactions = jdbc.sql("select count(*) from ledger_transaction where idempotency_key in (:keys)")
                .param("keys", keys).query(Long.class).single();
        assertThat(writtenTransactions).as("one transaction per purchase that went through").isEqualTo(keys.size());

        var unbalanced = jdbc.sql("""
                        select t.id from ledger_transaction t join ledger_posting p on p.transaction_id = t.id
                        where t.idempotency_key in (:keys) group by t.id having sum(p.amount) <> 0""")
                .param("keys", keys).query(UUID.class).list();
        assertThat(unbalanced).isEmpty();
        var postingsPerTransaction = jdbc.sql("""
                        select count(*) from ledger_posting p join ledger_transaction t on t.id = p.transaction_id
                        where t.idempotency_key in (:keys)""")
                .param("keys", keys).query(Long.class).single();
        assertThat(postingsPerTransaction).as("no double postings").isEqualTo(3L * keys.size());

        Map<UUID, Long> drift = new ConcurrentHashMap<>();
        for (var id : accountIds) {
            var balance = ledger.account(id).orElseThrow().balance().minor();
            var sum = jdbc.sql("select coalesce(sum(amount), 0) from ledger_posting where account_id = :id")
                    .param("id", id).query(Long.class).single();
            assertThat(balance).as("balance of %s is never negative", id).isGreaterThanOrEqualTo(0);
            if (balance != sum) {
                drift.put(id, balance - sum);
            }
        }
        assertThat(drift).as("every balance equals the sum of its postings").isEmpty();
    }

    private void attempt(Purchase purchase, Map<String, UUID> posted, java.util.Set<String> refused,
                         AtomicInteger replays, AtomicInteger sameTransactionOnReplay) {
        try {
            var receipt = ledger.post(purchase.transfer());
            var first = posted.putIfAbsent(purchase.key(), receipt.transactionId());
            if (receipt.replayed()) {
                replays.incrementAndGet();
                if (first == null || first.equals(receipt.transactionId())) {
                    sameTransactionOnReplay.incrementAndGet();
                }
            } else {
                assertThat(first).as("a key is written once").isNull();
            }
        } catch (InsufficientFunds e) {
            refused.add(purchase.key());
        }
    }
}
