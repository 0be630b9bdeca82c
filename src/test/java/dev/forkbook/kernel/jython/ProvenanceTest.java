package dev.forkbook.kernel.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.Provenance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which execution made each value, and what each cell read and wrote. */
class ProvenanceTest extends KernelTestBase {

    private static String run(String from, String code) {
        ExecutionResult result = kernel.execute(ExecuteRequest.of(code, "prov", from));
        assertTrue(result.succeeded(), () -> code + " failed: " + result.error());
        return result.stateName();
    }

    private static Provenance of(String state) {
        return kernel.provenance(state).orElseThrow();
    }

    @Test
    void every_variable_names_the_state_whose_execution_last_wrote_it() {
        String first = run(Kernel.INITIAL_STATE, "a = 1\nb = 2");
        String second = run(first, "b = 3\nc = a + b");
        assertEquals(Map.of("a", first, "b", second, "c", second), of(second).writtenBy());
        assertEquals(List.of("a"), of(second).reads());
        assertEquals(List.of("b", "c"), of(second).writes());
    }

    @Test
    void untouched_variables_keep_their_writer_down_a_chain_of_forks() {
        String first = run(Kernel.INITIAL_STATE, "a = 1\nb = 2");
        String second = run(first, "b = 3");
        String third = run(second, "c = a");
        String sibling = run(second, "del a");
        assertEquals(Map.of("a", first, "b", second, "c", third), of(third).writtenBy());
        assertEquals(List.of("c"), of(third).writes());
        assertEquals(Map.of("b", second), of(sibling).writtenBy());
        assertEquals(Map.of("a", first, "b", second), of(second).writtenBy());
    }

    @Test
    void mutating_a_value_in_place_is_a_write_and_reading_it_unchanged_is_not() {
        String first = run(Kernel.INITIAL_STATE, "data = [1]\nother = {'k': 1}");
        String second = run(first, "data.append(2)\nlen(other)");
        assertEquals(List.of("data", "other"), of(second).reads());
        assertEquals(List.of("data"), of(second).writes());
        assertEquals(second, of(second).writtenBy().get("data"));
        assertEquals(first, of(second).writtenBy().get("other"));
    }

    @Test
    void a_write_through_a_function_defined_in_an_earlier_cell_counts_for_the_calling_execution() {
        String defined = run(Kernel.INITIAL_STATE, String.join("\n",
                "total = 0", "log = []",
                "def add(k):", "    global total", "    total += k", "    log.append(k)"));
        String called = run(defined, "add(5)");
        Provenance provenance = of(called);
        assertEquals(called, provenance.writtenBy().get("total"));
        assertEquals(called, provenance.writtenBy().get("log"));
        assertEquals(defined, provenance.writtenBy().get("add"));
        assertEquals(List.of("log", "total"), provenance.writes());
        assertTrue(provenance.reads().containsAll(List.of("add", "log", "total")),
                provenance.reads().toString());
    }

    @Test
    void a_deleted_variable_is_a_write_and_disappears_from_written_by() {
        String first = run(Kernel.INITIAL_STATE, "x = 1\ny = 2");
        String second = run(first, "del x");
        assertEquals(List.of("x"), of(second).writes());
        assertEquals(Map.of("y", first), of(second).writtenBy());
    }

    @Test
    void a_cell_that_reads_the_whole_namespace_reads_every_variable() {
        String first = run(Kernel.INITIAL_STATE, "p = 1\nq = 2");
        String second = run(first, "names = sorted(globals())");
        assertEquals(List.of("p", "q"), of(second).reads());
    }

    @Test
    void a_value_assigned_before_it_is_read_is_not_a_read() {
        String first = run(Kernel.INITIAL_STATE, "v = 1");
        String second = run(first, "v = 5\nw = v");
        assertEquals(List.of(), of(second).reads());
    }

    @Test
    void an_unknown_state_has_no_provenance() {
        assertTrue(kernel.provenance("nope").isEmpty());
        assertEquals(Provenance.NONE, kernel.provenance(Kernel.INITIAL_STATE).orElseThrow());
    }

    @Test
    void reading_the_whole_namespace_is_flagged_because_writers_cannot_tell_what_it_depends_on() {
        String first = run(Kernel.INITIAL_STATE, "p = 1");
        String whole = run(first, "n = len(dir())");
        String one = run(first, "m = p + 1");
        assertTrue(of(whole).readWholeNamespace());
        assertTrue(of(whole).readsUntracked());
        assertFalse(of(one).readWholeNamespace());
        assertFalse(of(one).readsUntracked());
    }

    @Test
    void reads_of_modules_classes_and_values_kept_by_reference_are_listed_as_shared_reads() {
        String first = run(Kernel.INITIAL_STATE, String.join("\n",
                "import math", "class Config(object):", "    rate = 1",
                "import threading", "lock = threading.Lock()", "k = 2"));
        String reader = run(first, "r = math.sqrt(k) * Config.rate\nheld = lock.locked()");
        assertEquals(List.of("Config", "lock", "math"), of(reader).readsShared());
        assertTrue(of(reader).reads().contains("k"));
        assertFalse(of(reader).readsShared().contains("k"), "a plain number has a writer");
    }
}
