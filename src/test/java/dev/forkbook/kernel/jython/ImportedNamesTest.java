package dev.forkbook.kernel.jython;

import static dev.forkbook.kernel.jython.KernelFixture.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.VariableInfo;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportedNamesTest extends KernelTestBase {

    @Test
    void functions_and_classes_tell_the_module_they_come_from() {
        String state = step(kernel, Kernel.INITIAL_STATE, """
                import math
                from os.path import join
                from collections import OrderedDict
                def mine():
                    pass
                class Own(object):
                    pass
                n = 3
                """);
        Map<String, VariableInfo> vars = kernel.getState(state).orElseThrow().variables();
        assertTrue(vars.get("math").isImported(), "a module");
        assertTrue(vars.get("join").isImported(), "an imported function: " + vars.get("join"));
        assertTrue(vars.get("OrderedDict").isImported(), "an imported class");
        assertEquals("__main__", vars.get("mine").module());
        assertFalse(vars.get("mine").isImported());
        assertFalse(vars.get("Own").isImported());
        assertFalse(vars.get("n").isImported(), "plain values are the notebook's own");
    }

    @Test
    void the_pyplot_stand_in_is_reported_as_a_module_like_any_module() {
        String state = step(kernel, Kernel.INITIAL_STATE, """
                import math
                import matplotlib.pyplot as plt
                """);
        Map<String, VariableInfo> vars = kernel.getState(state).orElseThrow().variables();
        VariableInfo plt = vars.get("plt");
        assertEquals("module", plt.type(), plt.toString());
        assertTrue(plt.repr().startsWith("<module 'matplotlib.pyplot'"), plt.repr());
        assertTrue(plt.isImported());
    }
}
