package dev.forkbook.kernel.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.DiffRequest;
import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.StateDiff;
import dev.forkbook.kernel.StateDiff.Change;
import dev.forkbook.kernel.StateDiff.DetailKind;
import dev.forkbook.kernel.StateDiff.Row;
import dev.forkbook.kernel.UnknownStateException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Comparing two states: what was added, removed, changed, and how, without running user code. */
class StateDiffTest extends KernelTestBase {

    private static String run(String from, String code) {
        ExecutionResult result = kernel.execute(ExecuteRequest.of(code, "diff", from));
        assertTrue(result.succeeded(), () -> code + " failed: " + result.error());
        return result.stateName();
    }

    private static StateDiff diff(String a, String b) {
        return kernel.diff(DiffRequest.of(a, b));
    }

    private static Map<String, Row> rowsByPath(StateDiff diff, String variable) {
        return diff.changed().get(variable).detail().rows().stream()
                .collect(Collectors.toMap(Row::path, row -> row));
    }

    @Test
    void added_removed_changed_and_unchanged_variables_are_told_apart() {
        String a = run(Kernel.INITIAL_STATE, "keep = 1\ngone = 2\nbump = 3");
        String b = run(a, "del gone\nbump = 4\nnew = 5");
        StateDiff diff = diff(a, b);
        assertEquals(List.of("new"), diff.added());
        assertEquals(List.of("gone"), diff.removed());
        assertEquals(List.of("bump"), List.copyOf(diff.changed().keySet()));
        assertEquals(List.of("keep"), diff.unchanged());
        StateDiff.VariableChange bump = diff.changed().get("bump");
        assertEquals("3", bump.reprA());
        assertEquals("4", bump.reprB());
        assertEquals(DetailKind.TEXT, bump.detail().kind());
    }

    @Test
    void a_list_reports_the_indices_that_differ_with_both_values() {
        String a = run(Kernel.INITIAL_STATE, "xs = [1, 2, 3, 4]");
        String b = run(a, "xs[1] = 20\nxs.append(5)");
        StateDiff.VariableChange change = diff(a, b).changed().get("xs");
        assertEquals(DetailKind.ELEMENTS, change.detail().kind());
        Map<String, Row> rows = rowsByPath(diff(a, b), "xs");
        assertEquals(new Row("[1]", Change.CHANGED, "2", "20"), rows.get("[1]"));
        assertEquals(new Row("[4]", Change.ADDED, null, "5"), rows.get("[4]"));
        assertEquals(2, change.detail().totalRows());
    }

    @Test
    void an_insertion_in_the_middle_of_a_list_is_one_added_row_not_a_shifted_tail() {
        String a = run(Kernel.INITIAL_STATE, "xs = ['a', 'b', 'c', 'd', 'e']");
        String b = run(a, "xs.insert(2, 'new')");
        StateDiff.Detail detail = diff(a, b).changed().get("xs").detail();
        assertEquals(List.of(new Row("[2]", Change.ADDED, null, "'new'")), detail.rows());
    }

    @Test
    void a_tuple_reports_elements_and_a_shorter_one_reports_removed_indices() {
        String a = run(Kernel.INITIAL_STATE, "t = (1, 'x', 3.5)");
        String b = run(a, "t = (1, 'y')");
        StateDiff.Detail detail = diff(a, b).changed().get("t").detail();
        assertEquals(DetailKind.ELEMENTS, detail.kind());
        assertTrue(detail.rows().contains(new Row("[1]", Change.CHANGED, "'x'", "'y'")),
                detail.rows().toString());
        assertTrue(detail.rows().contains(new Row("[2]", Change.REMOVED, "3.5", null)),
                detail.rows().toString());
    }

    @Test
    void a_dict_reports_added_removed_and_changed_keys() {
        String a = run(Kernel.INITIAL_STATE, "d = {'k': 1, 'gone': 2, 3: 'three'}");
        String b = run(a, "d['k'] = 10\ndel d['gone']\nd['new'] = []");
        StateDiff.Detail detail = diff(a, b).changed().get("d").detail();
        assertEquals(DetailKind.KEYS, detail.kind());
        Map<String, Row> rows = rowsByPath(diff(a, b), "d");
        assertEquals(new Row("['k']", Change.CHANGED, "1", "10"), rows.get("['k']"));
        assertEquals(new Row("['gone']", Change.REMOVED, "2", null), rows.get("['gone']"));
        assertEquals(new Row("['new']", Change.ADDED, null, "[]"), rows.get("['new']"));
        assertEquals(3, detail.totalRows());
    }

    @Test
    void a_set_reports_members_added_and_removed() {
        String a = run(Kernel.INITIAL_STATE, "s = set([1, 2, 3])\nf = frozenset(['a'])");
        String b = run(a, "s.discard(2)\ns.add(9)\nf = frozenset(['a', 'b'])");
        StateDiff diff = diff(a, b);
        StateDiff.Detail set = diff.changed().get("s").detail();
        assertEquals(DetailKind.MEMBERS, set.kind());
        assertTrue(set.rows().contains(new Row("{2}", Change.REMOVED, "2", null)), set.rows().toString());
        assertTrue(set.rows().contains(new Row("{9}", Change.ADDED, null, "9")), set.rows().toString());
        assertEquals(List.of(new Row("{'b'}", Change.ADDED, null, "'b'")),
                diff.changed().get("f").detail().rows());
    }

    @Test
    void an_instance_is_compared_attribute_by_attribute_without_calling_its_eq_or_repr() {
        String a = run(Kernel.INITIAL_STATE, String.join("\n",
                "calls = []",
                "class P(object):",
                "    def __eq__(self, other):",
                "        calls.append('eq')",
                "        return True",
                "    def __repr__(self):",
                "        calls.append('repr')",
                "        return 'P(%r)' % (self.__dict__,)",
                "p = P()", "p.x = 1", "p.y = 'same'", "q = P()", "q.v = 1"));
        String b = run(a, "p.x = 2\np.z = 3\nq.v = 1.0 if False else 1");
        StateDiff diff = diff(a, b);
        assertEquals(List.of("P", "calls", "q"), diff.unchanged());
        StateDiff.Detail detail = diff.changed().get("p").detail();
        assertEquals(DetailKind.ATTRIBUTES, detail.kind());
        Map<String, Row> rows = rowsByPath(diff, "p");
        assertEquals(new Row(".x", Change.CHANGED, "1", "2"), rows.get(".x"));
        assertEquals(new Row(".z", Change.ADDED, null, "3"), rows.get(".z"));
        assertEquals(2, detail.totalRows());
        // The value's own repr came from a copy: the stored state's calls list did not grow.
        assertTrue(diff.changed().get("p").reprB().startsWith("P("), diff.changed().get("p").reprB());
        ExecutionResult check = kernel.execute(ExecuteRequest.of("len(calls)", "diff", b));
        assertEquals("0", ((dev.forkbook.kernel.Output.ExecuteResult) check.outputs().get(0))
                .data().get("text/plain"));
    }

    @Test
    void nested_changes_are_reported_at_their_full_path() {
        String a = run(Kernel.INITIAL_STATE, String.join("\n",
                "class Cfg(object):", "    pass",
                "cfg = Cfg()", "cfg.layers = [{'units': 10, 'act': 'relu'}, {'units': 5}]"));
        String b = run(a, "cfg.layers[0]['units'] = 12\ncfg.layers[1]['drop'] = 0.5");
        StateDiff diff = diff(a, b);
        Map<String, Row> rows = rowsByPath(diff, "cfg");
        assertEquals(new Row(".layers[0]['units']", Change.CHANGED, "10", "12"),
                rows.get(".layers[0]['units']"));
        assertEquals(new Row(".layers[1]['drop']", Change.ADDED, null, "0.5"),
                rows.get(".layers[1]['drop']"));
        assertEquals(2, rows.size());
    }

    @Test
    void a_change_of_type_is_one_row_with_both_values() {
        String a = run(Kernel.INITIAL_STATE, "v = [1]");
        String b = run(a, "v = {'a': 1}");
        StateDiff.VariableChange change = diff(a, b).changed().get("v");
        assertEquals("list", change.typeA());
        assertEquals("dict", change.typeB());
        assertEquals(DetailKind.TYPE, change.detail().kind());
        assertEquals(List.of(new Row("", Change.CHANGED, "[1]", "{'a': 1}")), change.detail().rows());
    }

    @Test
    void changed_text_is_diffed_line_by_line() {
        String a = run(Kernel.INITIAL_STATE, "doc = 'one\\ntwo\\nthree'");
        String b = run(a, "doc = 'one\\nTWO\\nthree\\nfour'");
        StateDiff.Detail detail = diff(a, b).changed().get("doc").detail();
        assertEquals(DetailKind.TEXT, detail.kind());
        assertEquals(List.of(new Row("line 2", Change.CHANGED, "two", "TWO"),
                new Row("line 4", Change.ADDED, null, "four")), detail.rows());
    }

    @Test
    void functions_redefined_with_the_same_code_are_unchanged_and_a_new_body_is_changed() {
        String a = run(Kernel.INITIAL_STATE, "def f(x=[1]):\n    return x\ndef g():\n    return 1");
        // Calling f touches it (it is copied); g gets a new body.
        String b = run(a, "f()\ndef g():\n    return 2");
        StateDiff diff = diff(a, b);
        assertTrue(diff.unchanged().contains("f"), diff.toString());
        assertTrue(diff.changed().containsKey("g"), diff.toString());
    }

    @Test
    void an_untouched_variable_is_the_same_object_and_nothing_inside_it_is_compared() {
        String a = run(Kernel.INITIAL_STATE, "big = list(range(1000))\nsmall = [1]");
        String b = run(a, "small.append(2)");
        StateDiff diff = diff(a, b);
        assertEquals(List.of("big"), diff.sameObject());
        assertTrue(diff.unchanged().contains("big"));
        // The two `small` lists; their shared element 1 costs nothing.
        assertEquals(1, diff.comparisons());
    }

    @Test
    void unchanged_elements_of_a_touched_list_are_not_compared() {
        String a = run(Kernel.INITIAL_STATE, "xs = list(range(100000))");
        String b = run(a, "xs[500] = -1");
        StateDiff diff = diff(a, b);
        assertEquals(List.of(new Row("[500]", Change.CHANGED, "500", "-1")),
                diff.changed().get("xs").detail().rows());
        assertTrue(diff.sameObject().isEmpty());
        // The lists and the one changed pair: the 99,999 equal elements are the same objects.
        assertEquals(2, diff.comparisons());
    }

    @Test
    void a_container_with_many_differences_is_paged() {
        String a = run(Kernel.INITIAL_STATE, "xs = list(range(1000))");
        String b = run(a, "xs = [i + 1 for i in xs]");
        StateDiff.Detail first = diff(a, b).changed().get("xs").detail();
        assertEquals(1000, first.totalRows());
        assertEquals(DiffRequest.DEFAULT_LIMIT, first.rows().size());
        StateDiff.Detail later = kernel.diff(new DiffRequest(a, b, "xs", 990, 50))
                .changed().get("xs").detail();
        assertEquals(990, later.offset());
        assertEquals(10, later.rows().size());
        assertEquals(new Row("[999]", Change.CHANGED, "999", "1000"), later.rows().get(9));
    }

    @Test
    void a_large_value_repr_is_capped_and_built_without_rendering_the_whole_value() {
        String a = run(Kernel.INITIAL_STATE, "xs = list(range(1000000))");
        String b = run(a, "xs[-1] = 'end'");
        StateDiff.VariableChange change = diff(a, b).changed().get("xs");
        assertTrue(change.reprA().length() < 1100, "repr length " + change.reprA().length());
        assertTrue(change.reprA().startsWith("[0, 1, 2, "));
        assertTrue(change.reprA().endsWith("..."));
    }

    @Test
    void cycles_do_not_hang_the_diff() {
        String a = run(Kernel.INITIAL_STATE, "loop = [1]\nloop.append(loop)");
        String b = run(a, "loop[0] = 2");
        StateDiff diff = diff(a, b);
        assertEquals("[0]", diff.changed().get("loop").detail().rows().get(0).path());
    }

    @Test
    void equal_values_in_touched_variables_are_unchanged_not_same_object() {
        String a = run(Kernel.INITIAL_STATE, "d = {'k': [1, 2]}");
        String b = run(a, "len(d)"); // a read copies d into the child
        StateDiff diff = diff(a, b);
        assertEquals(List.of("d"), diff.unchanged());
        assertFalse(diff.sameObject().contains("d"));
        assertTrue(diff.changed().isEmpty());
    }

    @Test
    void only_one_variable_can_be_asked_for() {
        String a = run(Kernel.INITIAL_STATE, "x = 1\ny = 1");
        String b = run(a, "x = 2\ny = 2");
        StateDiff diff = kernel.diff(new DiffRequest(a, b, "y", 0, 10));
        assertEquals(List.of("y"), List.copyOf(diff.changed().keySet()));
    }

    @Test
    void an_unknown_state_is_named_in_the_error() {
        UnknownStateException error = assertThrows(UnknownStateException.class,
                () -> diff(Kernel.INITIAL_STATE, "nope"));
        assertEquals("nope", error.stateName());
        assertNull(kernel.getState("nope").orElse(null));
    }
}
