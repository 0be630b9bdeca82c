package dev.forkbook.kernel.jython;

import static dev.forkbook.kernel.jython.KernelFixture.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.StateInfo;
import dev.forkbook.kernel.VariableInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Definition order, modules reported as modules, and forks that share every untouched name. */
class NamespaceOrderTest extends KernelTestBase {

    private static List<String> names(String state) {
        return List.copyOf(kernel.getState(state).orElseThrow().variables().keySet());
    }

    @Test
    void variables_are_listed_in_the_order_of_their_first_binding_on_the_path() {
        String first = step(kernel, Kernel.INITIAL_STATE, "b = 1\na = 2");
        String second = step(kernel, first, "c = 3\nb = 10");
        assertEquals(List.of("b", "a", "c"), names(second), "rebinding b keeps its place");
    }

    @Test
    void del_then_rebind_moves_a_name_to_the_end_in_one_cell_or_across_cells() {
        String base = step(kernel, Kernel.INITIAL_STATE, "x = 1\ny = 2\nz = 3");
        String sameCell = step(kernel, base, "del x\nx = 4");
        assertEquals(List.of("y", "z", "x"), names(sameCell));
        String deleted = step(kernel, base, "del y");
        String rebound = step(kernel, deleted, "y = 5");
        assertEquals(List.of("x", "z", "y"), names(rebound));
        String newThenDeleted = step(kernel, base, "w = 1\nv = 2\ndel w\nw = 3");
        assertEquals(List.of("x", "y", "z", "v", "w"), names(newThenDeleted));
    }

    @Test
    void every_module_is_reported_as_a_module_also_the_built_ins_written_in_java() {
        String state = step(kernel, Kernel.INITIAL_STATE,
                "import math, time, itertools, operator, sys, json");
        StateInfo info = kernel.getState(state).orElseThrow();
        for (String module : List.of("math", "time", "itertools", "operator", "sys")) {
            VariableInfo variable = info.variables().get(module);
            assertEquals("module", variable.type(), module);
            assertEquals("<module '" + module + "' (built-in)>", variable.repr());
        }
        assertEquals("module", info.variables().get("json").type());
        assertTrue(info.variables().get("json").repr().startsWith("<module 'json' from "));
    }

    @Test
    void a_class_is_not_mistaken_for_a_module() {
        String state = step(kernel, Kernel.INITIAL_STATE, "class Point(object):\n    pass");
        assertEquals("type", kernel.getState(state).orElseThrow().variables().get("Point").type());
    }

    @Test
    void a_fork_shares_every_untouched_variable_with_its_parent() {
        String parent = step(kernel, Kernel.INITIAL_STATE,
                "for i in range(2000):\n    globals()['v%d' % i] = [i]\ndel i");
        String child = step(kernel, parent, "v7.append(1)");
        Snapshot before = kernel.frozenSnapshot(parent);
        Snapshot after = kernel.frozenSnapshot(child);
        for (int i = 0; i < 2000; i++) {
            if (i != 7) {
                assertSame(before.frozenValue("v" + i), after.frozenValue("v" + i));
            }
        }
        assertEquals("[7, 1]", KernelFixture.eval(kernel, child, "v7"));
        assertEquals("[7]", KernelFixture.eval(kernel, parent, "v7"));
        assertEquals(1, after.ownRoots().size(), "only the touched variable is frozen anew");
    }

    @Test
    void aliased_variables_stay_aliased_after_one_of_their_group_is_rebound() {
        String base = step(kernel, Kernel.INITIAL_STATE, "a = [1]\nb = a\nc = a");
        String rebound = step(kernel, base, "a = 'other'");
        assertEquals("True", KernelFixture.eval(kernel, rebound, "b.append(2)\nb is c and c == [1, 2]"));
    }
}
