package dev.forkbook.kernel.jython;

import static dev.forkbook.kernel.jython.KernelFixture.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.kernel.StateInfo;
import dev.forkbook.kernel.StateSummary;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StateLifecycleTest {

    private JythonKernel kernel;
    private final List<KernelEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        kernel = new JythonKernel();
        kernel.subscribe(events::add);
    }

    @AfterEach
    void stop() {
        kernel.close();
    }

    @Test
    void states_are_listed_in_creation_order_with_initial_first() {
        KernelFixture.run(kernel, Kernel.INITIAL_STATE, "a = 1", "one");
        KernelFixture.run(kernel, "one", "b = 2", "two");
        assertEquals(List.of("initial", "one", "two"), kernel.listStates());
    }

    @Test
    void every_state_records_parent_code_exec_id_duration_and_count() {
        kernel.execute(new ExecuteRequest("import time\ntime.sleep(0.05)", "my-exec",
                Kernel.INITIAL_STATE, "slept"));
        StateSummary summary = kernel.getState("slept").orElseThrow().summary();
        assertEquals("initial", summary.parent());
        assertEquals("import time\ntime.sleep(0.05)", summary.code());
        assertEquals("my-exec", summary.execId());
        assertTrue(summary.durationMs() >= 50, "duration " + summary.durationMs());
        assertEquals(1, summary.executionCount());
        assertNull(kernel.tree().get(0).parent());
    }

    @Test
    void get_state_lists_variables_in_definition_order_with_type_and_repr() {
        String state = step(kernel, Kernel.INITIAL_STATE, "zeta = 'z'\nalpha = [1, 2]\n_hidden = 3");
        StateInfo info = kernel.getState(state).orElseThrow();
        assertEquals(List.of("zeta", "alpha", "_hidden"), List.copyOf(info.variables().keySet()));
        assertEquals("list", info.variables().get("alpha").type());
        assertEquals("'z'", info.variables().get("zeta").repr());
        assertTrue(kernel.getState("missing").isEmpty());
    }

    @Test
    void deleting_a_parent_keeps_its_children_working() {
        String parent = step(kernel, Kernel.INITIAL_STATE, "base = [1]");
        String child = step(kernel, parent, "base.append(2)");
        assertTrue(kernel.deleteState(parent));
        assertFalse(kernel.deleteState(parent));
        assertEquals("[1, 2]", KernelFixture.eval(kernel, child, "base"));
    }

    @Test
    void reset_recreates_initial_and_restarts_the_execution_count() {
        step(kernel, Kernel.INITIAL_STATE, "a = 1");
        kernel.reset();
        assertEquals(List.of("initial"), kernel.listStates());
        assertEquals(1, KernelFixture.run(kernel, Kernel.INITIAL_STATE, "1").executionCount());
    }

    @Test
    void only_executions_advance_the_execution_count() {
        String state = step(kernel, Kernel.INITIAL_STATE, "a = 1");
        kernel.getState(state);
        kernel.complete(state, "a");
        assertEquals(2, KernelFixture.run(kernel, state, "a").executionCount());
    }

    @Test
    void events_follow_an_execution_from_start_to_the_new_state() {
        KernelFixture.run(kernel, Kernel.INITIAL_STATE, "e = 1", "evented");
        kernel.deleteState("evented");
        kernel.reset();
        awaitEvents(5);
        List<String> types = events.stream().map(KernelEvent::type).toList();
        assertEquals(List.of("execution_started", "state_created", "execution_finished",
                "state_deleted", "reset"), types);
        KernelEvent.StateCreated created = (KernelEvent.StateCreated) events.get(1);
        assertEquals("evented", created.state().name());
        assertEquals("initial", created.state().parent());
    }

    private long finished() {
        return events.stream().filter(e -> e instanceof KernelEvent.ExecutionFinished).count();
    }

    private void awaitEvents(int count) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (events.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Test
    void a_listener_that_blocks_never_holds_up_executions() throws Exception {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        kernel.subscribe(event -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 20; i++) {
            assertEquals("2", KernelFixture.eval(kernel, Kernel.INITIAL_STATE, "1 + 1"));
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (finished() < 20 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(20, finished(), "the other listener still receives every event");
        never.countDown();
    }

    @Test
    void a_failing_listener_does_not_break_the_kernel() {
        kernel.subscribe(event -> {
            throw new IllegalStateException("listener bug");
        });
        assertEquals("2", KernelFixture.eval(kernel, Kernel.INITIAL_STATE, "1 + 1"));
    }

    @Test
    void completion_offers_state_names_builtins_and_attributes() {
        String state = step(kernel, Kernel.INITIAL_STATE, "import os\nmy_value = [1]\nmy_other = 2");
        assertEquals(List.of("my_other", "my_value"), kernel.complete(state, "my_"));
        assertTrue(kernel.complete(state, "len").contains("len"));
        assertTrue(kernel.complete(state, "my_value.app").contains("my_value.append"));
        assertTrue(kernel.complete(state, "os.pa").contains("os.path"));
        assertEquals(List.of(), kernel.complete("missing", "x"));
    }

    @Test
    void completion_of_a_module_hides_the_names_it_merely_imported() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("completions");
        java.nio.file.Files.writeString(dir.resolve("mymod.py"), String.join("\n",
                "import sys", "import json as js", "from os.path import join",
                "from collections import OrderedDict", "def own_function(): pass",
                "class OwnClass(object): pass", "own_value = 1", ""));
        String state = step(kernel, Kernel.INITIAL_STATE, "import sys\nsys.path.insert(0, "
                + "'" + dir.toString().replace("\\", "/") + "')\nimport mymod");
        assertEquals(List.of("mymod.OwnClass", "mymod.own_function", "mymod.own_value"),
                kernel.complete(state, "mymod."));
        assertEquals(List.of(), kernel.complete(state, "mymod.sy"));
        assertTrue(kernel.complete(state, "sys.pa").contains("sys.path"),
                "a module's own attributes stay");
    }
}
