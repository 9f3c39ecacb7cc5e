package dev.atelier.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

import dev.atelier.AtelierApplication;
import dev.atelier.identity.AccountId;
import dev.atelier.ledger.AccountKind;
import dev.atelier.ledger.AccountRef;
import dev.atelier.ledger.Ledger;
import dev.atelier.ledger.Money;
import dev.atelier.ledger.Transfer;

/**
 * Measures committed purchase-like ledger transactions per second: each moves a price out of a client's wallet,
 * 80% of it to a creator's earnings and the rest to platform revenue, through {@link Ledger#post(Transfer)} exactly
 * as the application does, against whatever database the datasource points at.
 *
 * <p>Each client thread plays one client with its own wallet, the way each pgbench client is one connection; the
 * creators are few and shared, and every transaction credits the one platform revenue account, as real purchases
 * would. The last line printed is {@code LEDGER_TPS=<number>} for scripts to read.
 *
 * <p>Options, as {@code --name=value}: {@code clients} (8), {@code seconds} (20), {@code warmup} (5 seconds),
 * {@code creators} (4), {@code db-url}, {@code db-user}, {@code db-password} (else {@code ATELIER_DB_URL},
 * {@code ATELIER_DB_USER}, {@code ATELIER_DB_PASSWORD}, else the local {@code atelier_bench} database).
 */
public final class LedgerBenchmark {

    private static final Currency USD = Currency.getInstance("USD");
    /** Enough that no wallet can run dry however fast the ledger gets: 10^12 cents. */
    private static final long FUNDING = 1_000_000_000_000L;
    private static final long MIN_PRICE = 100;
    private static final long MAX_PRICE = 5_000;
    private static final int CREATOR_PERCENT = 80;

    private LedgerBenchmark() {
    }

    record Options(int clients, int seconds, int warmupSeconds, int creators, String dbUrl, String dbUser,
                   String dbPassword) {

        static Options parse(String[] args) {
            var given = new HashMap<String, String>();
            for (var arg : args) {
                if (!arg.startsWith("--") || !arg.contains("=")) {
                    throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
                }
                var eq = arg.indexOf('=');
                given.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
            var options = new Options(
                    atLeast(given.remove("clients"), 8, 1, "clients"),
                    atLeast(given.remove("seconds"), 20, 1, "seconds"),
                    atLeast(given.remove("warmup"), 5, 0, "warmup"),
                    atLeast(given.remove("creators"), 4, 1, "creators"),
                    orElse(given.remove("db-url"), orElse(System.getenv("ATELIER_DB_URL"),
                            "jdbc:postgresql://localhost:5432/atelier_bench")),
                    orElse(given.remove("db-user"), orElse(System.getenv("ATELIER_DB_USER"), "atelier")),
                    orElse(given.remove("db-password"), orElse(System.getenv("ATELIER_DB_PASSWORD"), "atelier")));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown options " + given.keySet());
            }
            return options;
        }

        private static int atLeast(@Nullable String value, int fallback, int minimum, String name) {
            var n = value == null ? fallback : Integer.parseInt(value.trim());
            if (n < minimum) {
                throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + n);
            }
            return n;
        }

        private static String orElse(@Nullable String value, String fallback) {
            return value == null || value.isBlank() ? fallback : value;
        }
    }

    public static void main(String[] args) {
        var status = 1;
        try {
            status = run(Options.parse(args));
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            // Runs under exec:java inside Maven's JVM; exiting explicitly stops the pool and scheduler threads
            // that would otherwise keep it alive, and hands the status to the calling script.
            System.exit(status);
        }
    }

    private static int run(Options options) throws InterruptedException {
        System.out.printf(Locale.ROOT,
                "ledger benchmark: %d clients, %d s measured after %d s warm-up, %d creators, %s%n",
                options.clients(), options.seconds(), options.warmupSeconds(), options.creators(), options.dbUrl());
        try (var context = boot(options)) {
            var ledger = context.getBean(Ledger.class);
            var accounts = Accounts.create(ledger, options);
            System.out.printf(Locale.ROOT, "platform revenue is updated as leg %.2f of 3 on average%n",
                    accounts.platformLegPosition(ledger));

            if (options.warmupSeconds() > 0) {
                var warmup = runPhase(ledger, accounts, options.clients(), Duration.ofSeconds(options.warmupSeconds()));
                System.out.printf(Locale.ROOT, "warm-up: %s%n", warmup.summary());
                accounts.recordSpent(warmup);
            }
            var measured = runPhase(ledger, accounts, options.clients(), Duration.ofSeconds(options.seconds()));
            accounts.recordSpent(measured);
            var consistent = accounts.check(ledger);

            System.out.printf(Locale.ROOT, "measured: %s%n", measured.summary());
            System.out.printf(Locale.ROOT, "balances: %s%n", consistent ? "consistent" : "INCONSISTENT");
            System.out.printf(Locale.ROOT, "LEDGER_TPS=%.1f%n", measured.tps());
            return consistent && measured.failed() == 0 ? 0 : 1;
        }
    }

    /**
     * Spring Boot provides {@code HttpSecurity} only to servlet web applications, and the application's security
     * configuration needs it to build its filter chains; without a web server they are built but never run.
     */
    @Configuration
    @EnableWebSecurity
    static class NonWebSecurity {
    }

    private static ConfigurableApplicationContext boot(Options options) {
        var app = new SpringApplication(AtelierApplication.class, NonWebSecurity.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(Banner.Mode.OFF);
        // Command-line properties outrank application.properties, which would otherwise fix the pool at its own size.
        var properties = Map.of(
                "spring.datasource.url", options.dbUrl(),
                "spring.datasource.username", options.dbUser(),
                "spring.datasource.password", options.dbPassword(),
                // One connection per client, plus room for the short account look-ups made outside a transaction.
                "spring.datasource.hikari.maximum-pool-size", String.valueOf(options.clients() + 2),
                "spring.main.log-startup-info", "false",
                "logging.level.root", "WARN",
                // With no admin in the benchmark database it would print a setup token; irrelevant here.
                "logging.level.dev.atelier.identity.FirstAdmin", "ERROR");
        return app.run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
    }

    /**
     * The accounts of one run, new each time so that runs against the same database never share a wallet. Wallet
     * {@code i} belongs to client thread {@code i} alone, which lets the check below know its exact balance.
     */
    private static final class Accounts {

        final String runId;
        final List<AccountRef> wallets;
        final List<AccountRef> creators;
        final AccountRef platform;
        final long platformStart;
        /** Per client: what its committed purchases took from its wallet and gave the platform. */
        final long[] spent;
        final long[] platformShare;

        private Accounts(String runId, List<AccountRef> wallets, List<AccountRef> creators, AccountRef platform,
                         long platformStart) {
            this.runId = runId;
            this.wallets = wallets;
            this.creators = creators;
            this.platform = platform;
            this.platformStart = platformStart;
            this.spent = new long[wallets.size()];
            this.platformShare = new long[wallets.size()];
        }

        static Accounts create(Ledger ledger, Options options) {
            var runId = UUID.randomUUID().toString();
            var external = AccountRef.platform(AccountKind.EXTERNAL_CASH, USD);
            var platform = AccountRef.platform(AccountKind.PLATFORM_REVENUE, USD);
            ledger.open(platform);
            var wallets = new ArrayList<AccountRef>();
            for (var i = 0; i < options.clients(); i++) {
                var wallet = AccountRef.wallet(AccountId.random(), USD);
                ledger.post(Transfer.between("bench:" + runId + ":fund:" + i, "TOP_UP", "Benchmark funding",
                        external, wallet, new Money(FUNDING, USD)));
                wallets.add(wallet);
            }
            var creators = new ArrayList<AccountRef>();
            for (var i = 0; i < options.creators(); i++) {
                var creator = AccountRef.earnings(AccountId.random(), USD);
                ledger.open(creator);
                creators.add(creator);
            }
            return new Accounts(runId, List.copyOf(wallets), List.copyOf(creators), platform,
                    ledger.balance(platform).minor());
        }

        /**
         * Where the platform revenue update falls among a purchase's three updates, averaged over every wallet and
         * creator pair: the ledger updates rows in account-id order, so the earlier it comes, the longer every
         * purchase holds the one lock they all need. Random ids make this differ from run to run.
         */
        double platformLegPosition(Ledger ledger) {
            var platformId = ledger.open(platform).id();
            var total = 0L;
            for (var wallet : wallets) {
                var walletId = ledger.open(wallet).id();
                for (var creator : creators) {
                    var creatorId = ledger.open(creator).id();
                    total += 1 + (walletId.compareTo(platformId) < 0 ? 1 : 0)
                            + (creatorId.compareTo(platformId) < 0 ? 1 : 0);
                }
            }
            return (double) total / (wallets.size() * creators.size());
        }

        void recordSpent(Phase phase) {
            for (var client = 0; client < spent.length; client++) {
                spent[client] += phase.clients().get(client).spent;
                platformShare[client] += phase.clients().get(client).platformShare;
            }
        }

        /**
         * Every counted purchase must be in the database, and nothing else: each wallet holds its funding less
         * what its client counted as spent, and platform revenue grew by the counted shares (which assumes nothing
         * else writes to this database meanwhile).
         */
        boolean check(Ledger ledger) {
            var ok = true;
            for (var client = 0; client < wallets.size(); client++) {
                var balance = ledger.balance(wallets.get(client)).minor();
                if (balance != FUNDING - spent[client]) {
                    System.out.printf(Locale.ROOT, "wallet %d holds %d, expected %d%n", client, balance,
                            FUNDING - spent[client]);
                    ok = false;
                }
            }
            var platformGain = ledger.balance(platform).minor() - platformStart;
            var expected = Arrays.stream(platformShare).sum();
            if (platformGain != expected) {
                System.out.printf(Locale.ROOT, "platform revenue grew by %d, expected %d%s%n", platformGain,
                        expected, " (another writer on this database?)");
                ok = false;
            }
            return ok;
        }
    }

    /** One client thread's results; written by that thread only and read after it is joined. */
    private static final class Client implements Runnable {

        private final Ledger ledger;
        private final Accounts accounts;
        private final int index;
        private final String keyPrefix;
        private final CountDownLatch start;
        private final Duration duration;

        long[] latencies = new long[4096];
        int committed;
        long failed;
        long spent;
        long platformShare;
        @Nullable Throwable firstFailure;

        Client(Ledger ledger, Accounts accounts, int index, String phase, CountDownLatch start, Duration duration) {
            this.ledger = ledger;
            this.accounts = accounts;
            this.index = index;
            this.keyPrefix = "bench:" + accounts.runId + ":" + phase + ":" + index + ":";
            this.start = start;
            this.duration = duration;
        }

        @Override
        public void run() {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            var random = ThreadLocalRandom.current();
            var wallet = accounts.wallets.get(index);
            var deadline = System.nanoTime() + duration.toNanos();
            for (long n = 0; System.nanoTime() < deadline; n++) {
                var price = random.nextLong(MIN_PRICE, MAX_PRICE + 1);
                var creatorShare = price * CREATOR_PERCENT / 100;
                var creator = accounts.creators.get(random.nextInt(accounts.creators.size()));
                var transfer = new Transfer(keyPrefix + n, "PURCHASE", "Benchmark purchase", List.of(
                        new Transfer.Leg(wallet, -price),
                        new Transfer.Leg(creator, creatorShare),
                        new Transfer.Leg(accounts.platform, price - creatorShare)));
                var began = System.nanoTime();
                try {
                    ledger.post(transfer);
                } catch (RuntimeException e) {
                    failed++;
                    if (firstFailure == null) {
                        firstFailure = e;
                    }
                    continue;
                }
                if (committed == latencies.length) {
                    latencies = Arrays.copyOf(latencies, committed * 2);
                }
                latencies[committed++] = System.nanoTime() - began;
                spent += price;
                platformShare += price - creatorShare;
            }
        }
    }

    private record Phase(List<Client> clients, long elapsedNanos) {

        long committed() {
            return clients.stream().mapToLong(c -> c.committed).sum();
        }

        long failed() {
            return clients.stream().mapToLong(c -> c.failed).sum();
        }

        double tps() {
            return committed() / (elapsedNanos / 1e9);
        }

        String summary() {
            var all = clients.stream()
                    .flatMapToLong(c -> Arrays.stream(c.latencies, 0, c.committed))
                    .sorted()
                    .toArray();
            var text = String.format(Locale.ROOT,
                    "%d committed, %d failed in %.2f s: %.1f tx/s, latency p50 %.2f ms, p99 %.2f ms",
                    committed(), failed(), elapsedNanos / 1e9, tps(), millis(all, 0.50), millis(all, 0.99));
            var failure = clients.stream().map(c -> c.firstFailure).filter(Objects::nonNull).findFirst();
            return failure.map(f -> text + "; first failure: " + f).orElse(text);
        }

        private static double millis(long[] sorted, double quantile) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            var rank = (int) Math.ceil(quantile * sorted.length) - 1;
            return sorted[Math.max(rank, 0)] / 1e6;
        }
    }

    private static Phase runPhase(Ledger ledger, Accounts accounts, int clientCount, Duration duration)
            throws InterruptedException {
        var phase = UUID.randomUUID().toString().substring(0, 8);
        var start = new CountDownLatch(1);
        var clients = new ArrayList<Client>();
        var threads = new ArrayList<Thread>();
        for (var i = 0; i < clientCount; i++) {
            var client = new Client(ledger, accounts, i, phase, start, duration);
            clients.add(client);
            threads.add(Thread.ofPlatform().name("bench-client-" + i).start(client));
        }
        var began = System.nanoTime();
        start.countDown();
        for (var thread : threads) {
            thread.join();
        }
        return new Phase(List.copyOf(clients), System.nanoTime() - began);
    }
}
