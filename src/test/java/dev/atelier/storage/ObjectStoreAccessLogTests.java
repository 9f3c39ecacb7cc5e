package dev.atelier.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class ObjectStoreAccessLogTests {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void keeps_only_the_latest_reads_oldest_first() {
        var log = new ObjectStoreAccessLog(3, clock);
        for (var i = 1; i <= 5; i++) {
            log.recordRead("creators/a/works/" + i);
        }

        assertThat(log.reads()).extracting(ObjectStoreAccessLog.Access::key)
                .containsExactly("creators/a/works/3", "creators/a/works/4", "creators/a/works/5");
        assertThat(log.reads()).allSatisfy(access -> {
            assertThat(access.at()).isEqualTo(clock.instant());
            assertThat(access.thread()).isEqualTo(Thread.currentThread().getName());
        });
    }

    @Test
    void reads_under_a_prefix_leave_out_keys_that_merely_start_with_the_same_letters() {
        var log = new ObjectStoreAccessLog(10, clock);
        log.recordRead("creators/a/works/1");
        log.recordRead("creators/ab/works/1");
        log.recordRead("creators/a");

        assertThat(log.readsUnder("creators/a")).extracting(ObjectStoreAccessLog.Access::key)
                .containsExactly("creators/a/works/1");
        assertThat(log.readsUnder("creators/a/")).hasSize(1);
        assertThat(log.readsUnder("creators/b")).isEmpty();
    }

    @Test
    void clearing_forgets_every_read() {
        var log = new ObjectStoreAccessLog(2, clock);
        log.recordRead("creators/a/works/1");
        log.recordRead("creators/a/works/2");
        log.recordRead("creators/a/works/3");

        log.clear();
        log.recordRead("creators/a/works/4");

        assertThat(log.reads()).extracting(ObjectStoreAccessLog.Access::key).containsExactly("creators/a/works/4");
    }

    @Test
    void reads_recorded_from_many_threads_at_once_are_all_kept_within_capacity() throws InterruptedException {
        var log = new ObjectStoreAccessLog(10_000, Clock.systemUTC());
        var start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (var t = 0; t < 8; t++) {
            var creator = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (var i = 0; i < 1_000; i++) {
                    log.recordRead("creators/" + creator + "/works/" + i);
                }
            }));
        }
        start.countDown();
        for (var thread : threads) {
            thread.join();
        }

        var keys = new HashSet<String>();
        log.reads().forEach(access -> keys.add(access.key()));
        assertThat(keys).hasSize(8_000);
        assertThat(log.readsUnder("creators/3")).hasSize(1_000);
    }
}
