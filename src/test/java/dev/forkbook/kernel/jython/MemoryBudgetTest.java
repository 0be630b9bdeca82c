package dev.forkbook.kernel.jython;

import static dev.forkbook.kernel.jython.KernelFixture.eval;
import static dev.forkbook.kernel.jython.KernelFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.kernel.KernelOptions;
import dev.forkbook.kernel.StateInfo;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Accounting, LRU eviction, states never evicted, rebuild by replay, bounded descriptions. */
class MemoryBudgetTest {

    /** A 250,000-element list costs ~1 MB of its own (references; the ints are shared). */
    private static final long LIST_BYTES = 1_000_000;
    private static final String MAKE = "data = list(range(250000))";
    private static final String MUTATE = "data[0] = data[0] - 1";

    private JythonKernel kernel;
    private final List<KernelEvent> events = new CopyOnWriteArrayList<>();

    private void start(long budget) {
        kernel = new JythonKernel(KernelOptions.defaults().withMemoryBudget(budget));
        kernel.subscribe(events::add);
    }

    @AfterEach
    void stop() {
        Latch.gate.countDown();
        kernel.close();
    }

    private String step(String from, String code, String name) {
        ExecutionResult result = run(kernel, from, code, name);
        assertTrue(result.succeeded(), String.valueOf(result.error()));
        return result.stateName();
    }

    private boolean evicted(String name) {
        return kernel.getState(name).orElseThrow().evicted();
    }

    private void awaitEvent(KernelEvent expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!events.contains(expected) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(events.contains(expected), "no " + expected + " in " + events);
    }

    @Test
    void a_state_accounts_only_what_it_froze_itself() {
        start(1L << 40);
        step(Kernel.INITIAL_STATE, MAKE, "made");
        long made = kernel.accountedBytes();
        assertTrue(made >= LIST_BYTES && made < LIST_BYTES * 11 / 10, "accounted " + made);
        step("made", "y = 1", "small");
        assertEquals(made, kernel.accountedBytes(), "an untouched list is shared, not counted again");
        step("made", MUTATE, "mutated");
        long mutated = kernel.accountedBytes() - made;
        assertTrue(mutated >= LIST_BYTES && mutated < LIST_BYTES * 11 / 10, "mutated " + mutated);
        kernel.deleteState("mutated");
        assertEquals(made, kernel.accountedBytes(), "deleting frees what only it held");
        kernel.deleteState("made");
        assertEquals(made, kernel.accountedBytes(), "'small' still holds the list");
        kernel.deleteState("small");
        assertEquals(0, kernel.accountedBytes());
    }

    @Test
    void over_budget_the_least_recently_used_state_is_evicted_and_keeps_its_lineage() {
        start(LIST_BYTES * 5 / 2);
        step(Kernel.INITIAL_STATE, MAKE, "s1");
        step("s1", MUTATE, "s2");
        step("s2", MUTATE, "s3");
        assertTrue(evicted("s1"));
        assertFalse(evicted("s2"));
        assertTrue(kernel.accountedBytes() <= LIST_BYTES * 5 / 2);
        StateInfo info = kernel.getState("s1").orElseThrow();
        assertNull(info.variables());
        assertEquals(MAKE, info.summary().code());
        assertEquals("initial", info.summary().parent());
        assertTrue(kernel.tree().stream().anyMatch(s -> s.name().equals("s1") && s.evicted()));
        awaitEvent(new KernelEvent.StateEvicted("s1"));
        // s2 is used again, so s3 (older in use) goes first.
        kernel.getState("s2");
        step("s2", MUTATE, "s4");
        assertTrue(evicted("s3"));
        assertFalse(evicted("s2"));
    }

    @Test
    void initial_pinned_states_and_broken_chains_are_never_evicted() {
        start(1);
        step(Kernel.INITIAL_STATE, MAKE, "pinned");
        kernel.pin(Set.of("pinned", "orphan"));
        step("pinned", MUTATE, "parent");
        step("parent", MUTATE, "orphan");
        step("orphan", "z = 1", "later");
        assertFalse(evicted("pinned"));
        assertFalse(evicted(Kernel.INITIAL_STATE));
        assertTrue(evicted("parent"));
        step(Kernel.INITIAL_STATE, MAKE, "parent");
        kernel.pin(Set.of("pinned"));
        step("pinned", MUTATE, "other");
        assertFalse(evicted("orphan"), "its parent was overwritten: it could never be rebuilt");
        kernel.pin(Set.of("pinned", "tail"));
        step("pinned", "w = [1]", "chain");
        step("chain", MUTATE.replace("data", "w"), "tail");
        kernel.deleteState("chain");
        kernel.pin(Set.of("pinned"));
        step("pinned", MUTATE, "more");
        assertFalse(evicted("tail"), "its parent was deleted");
    }

    @Test
    void the_source_of_a_running_execution_is_never_evicted() throws Exception {
        start(1);
        Latch.gate = new CountDownLatch(1);
        Latch.entered = new CountDownLatch(1);
        step(Kernel.INITIAL_STATE, MAKE, "source");
        CompletableFuture<ExecutionResult> held = CompletableFuture.supplyAsync(() ->
                run(kernel, "source", "from dev.forkbook.kernel.jython import Latch\nLatch.pass()\n"
                        + "len(data)"));
        assertTrue(Latch.entered.await(20, TimeUnit.SECONDS));
        step(Kernel.INITIAL_STATE, MAKE, "other");
        assertFalse(evicted("source"));
        Latch.gate.countDown();
        assertEquals("250000", KernelFixture.value(held.get(20, TimeUnit.SECONDS)));
    }

    @Test
    void executing_from_an_evicted_state_rebuilds_it_by_replay_keeping_name_count_and_outputs() {
        start(LIST_BYTES * 5 / 2);
        ExecutionResult first = run(kernel, Kernel.INITIAL_STATE, MAKE + "\nprint(len(data))", "a");
        step("a", MUTATE + "\nprint('b')", "b");
        step("b", MUTATE, "c");
        step("c", MUTATE, "d");
        assertTrue(evicted("a") && evicted("b"));
        assertEquals("-2", eval(kernel, "c", "data[0]"));
        assertEquals("-1", eval(kernel, "b", "data[0]"), "b was rebuilt through a");
        assertEquals(first.executionCount(),
                kernel.getState("a").orElseThrow().summary().executionCount());
        awaitEvent(new KernelEvent.StateRebuilt("a", false));
        awaitEvent(new KernelEvent.StateRebuilt("b", false));
    }

    @Test
    void an_evicted_failed_state_is_rebuilt_by_replay_to_what_it_bound_before_raising() {
        start(LIST_BYTES * 5 / 2);
        ExecutionResult failed = kernel.execute(new ExecuteRequest(MAKE + "\nraise ValueError('x')",
                "failing", Kernel.INITIAL_STATE, "failed").keepingFailedState());
        assertTrue(failed.keptFailedState(), String.valueOf(failed));
        step("failed", MUTATE, "b");
        step("b", MUTATE, "c");
        step("c", MUTATE, "d");
        assertTrue(evicted("failed"));
        assertEquals("-1", eval(kernel, "b", "data[0]"), "b was rebuilt through the failed state");
        assertEquals("250000", eval(kernel, "failed", "len(data)"));
        assertTrue(kernel.getState("failed").orElseThrow().summary().failed());
    }

    @Test
    void a_rebuild_flags_a_cell_whose_outputs_differ() {
        start(LIST_BYTES / 2);
        step(Kernel.INITIAL_STATE, "import random\nprint(random.random())\n" + MAKE, "noisy");
        step("noisy", MUTATE, "next");
        assertTrue(evicted("noisy"));
        eval(kernel, "noisy", "1");
        awaitEvent(new KernelEvent.StateRebuilt("noisy", true));
    }

    @Test
    void describing_deeply_nested_data_is_bounded() {
        start(1L << 40);
        step(Kernel.INITIAL_STATE, "n = []\nfor i in range(100000):\n    n = [n]\nflat = [1, (2,), {3: 'x'}]",
                "deep");
        StateInfo info = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> kernel.getState("deep").orElseThrow());
        assertTrue(info.variables().get("n").repr().contains("[...]"));
        assertEquals("[1, (2,), {3: 'x'}]", info.variables().get("flat").repr());
    }

    @Test
    void a_repr_that_never_returns_is_stopped_and_the_rest_is_described() {
        start(1L << 40);
        step(Kernel.INITIAL_STATE, "class Slow(object):\n    def __repr__(self):\n"
                + "        while True:\n            pass\nslow = Slow()\nfine = 42", "slow");
        StateInfo info = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> kernel.getState("slow").orElseThrow());
        assertEquals(VariableDescriber.TIMED_OUT, info.variables().get("slow").repr());
        assertEquals("42", info.variables().get("fine").repr());
    }

    @Test
    void reset_releases_compiled_cells_and_their_source_lines() {
        start(1L << 40);
        String count = "import linecache\nlen([k for k in linecache.cache if k.startswith('<cell-')])";
        String before = eval(kernel, Kernel.INITIAL_STATE, count);
        for (int i = 0; i < 5; i++) {
            step(Kernel.INITIAL_STATE, "v = " + i, null);
        }
        for (int i = 0; i < 3; i++) {
            assertFalse(run(kernel, Kernel.INITIAL_STATE, "def broken(:\n    pass").succeeded());
        }
        assertTrue(kernel.compiledCells() >= 5);
        kernel.reset();
        assertEquals(0, kernel.compiledCells());
        assertEquals(before, eval(kernel, Kernel.INITIAL_STATE, count),
                "only the counting cell itself is registered again");
    }

    @Test
    void a_deleted_state_releases_its_compiled_cell() {
        start(1L << 40);
        String code = "only_here = 1";
        step(Kernel.INITIAL_STATE, code, "once");
        int before = kernel.compiledCells();
        kernel.deleteState("once");
        assertEquals(before - 1, kernel.compiledCells());
        kernel.execute(new ExecuteRequest("1", "x", Kernel.INITIAL_STATE, null));
    }
}
