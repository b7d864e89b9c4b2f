package dev.pywasm.compat.host.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LanePoolTest {

    static final class FakeLane implements LanePool.Lane {
        final int n;
        boolean healthy = true;
        boolean closed;

        FakeLane(int n) {
            this.n = n;
        }

        @Override
        public boolean healthy() {
            return healthy;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    // The pool opens lanes outside its lock, so two callers may open at once: number them safely.
    private final List<FakeLane> opened = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicInteger serial = new java.util.concurrent.atomic.AtomicInteger();

    private LanePool<FakeLane> pool() {
        return new LanePool<>("the test session", () -> {
            FakeLane lane = new FakeLane(serial.incrementAndGet());
            opened.add(lane);
            return lane;
        });
    }

    @Test
    void aHealthyLaneIsReusedByTheNextCaller() {
        LanePool<FakeLane> pool = pool();
        assertThat(pool.<Integer>use(l -> l.n)).isEqualTo(1);
        assertThat(pool.<Integer>use(l -> l.n)).isEqualTo(1);
        assertThat(opened).hasSize(1);
    }

    @Test
    void anUnhealthyLaneIsClosedAndReplaced() {
        LanePool<FakeLane> pool = pool();
        pool.use(l -> l.healthy = false);
        assertThat(opened.get(0).closed).isTrue();
        assertThat(pool.size()).isZero();
        assertThat(pool.<Integer>use(l -> l.n)).isEqualTo(2);
    }

    @Test
    void aLaneIsGivenBackWhenTheWorkThrows() {
        LanePool<FakeLane> pool = pool();
        assertThatThrownBy(() -> pool.use(l -> {
            throw new IllegalStateException("the page died");
        })).hasMessage("the page died");
        assertThat(pool.<Integer>use(l -> l.n)).isEqualTo(1);
    }

    @Test
    void aLaneIsClosedAndReplacedWhenTheWorkThrowsAnError() {
        LanePool<FakeLane> pool = pool();
        assertThatThrownBy(() -> pool.use(l -> {
            throw new StackOverflowError("the driver's dispatch nested too deep");
        })).isInstanceOf(StackOverflowError.class);
        assertThat(opened.get(0).closed).isTrue();
        assertThat(pool.size()).isZero();
        assertThat(pool.<Integer>use(l -> l.n)).isEqualTo(2);
    }

    @Test
    void twoCallersAtOnceGetTwoLanes() throws Exception {
        LanePool<FakeLane> pool = pool();
        CountDownLatch both = new CountDownLatch(2);
        // Two threads of its own: the common pool has a single thread on a 2-core machine.
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<CompletableFuture<Integer>> runs = List.of(1, 2).stream().map(i -> CompletableFuture.supplyAsync(() ->
                pool.use(l -> {
                    both.countDown();
                    try {
                        both.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return l.n;
                }), two)).toList();
        try {
            assertThat(runs.stream().map(CompletableFuture::join).toList()).containsExactlyInAnyOrder(1, 2);
        } finally {
            two.shutdownNow();
        }
        assertThat(pool.size()).isEqualTo(2);
    }

    @Test
    void closingClosesEveryLaneOnceAndRefusesNewCallers() {
        LanePool<FakeLane> pool = pool();
        FakeLane borrowed = pool.borrow();
        pool.use(l -> l.n);
        assertThat(pool.closeAll()).isTrue();
        assertThat(pool.closeAll()).isFalse();
        assertThat(opened).allMatch(l -> l.closed);
        pool.giveBack(borrowed);
        assertThatThrownBy(pool::borrow).hasMessage("the test session is closed");
    }
}
