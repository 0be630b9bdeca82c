package dev.forkbook.kernel.jython;

import static dev.forkbook.kernel.jython.KernelFixture.eval;
import static dev.forkbook.kernel.jython.KernelFixture.run;
import static dev.forkbook.kernel.jython.KernelFixture.step;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.Output;
import org.junit.jupiter.api.Test;

/**
 * text/plain of results, displays and the variables pane reads as in a Python 3 notebook; the
 * expected strings are CPython 3.11's (functions: IPython 8's).
 */
class Py3ReprTest extends KernelTestBase {

    private static String shown(String expression) {
        return eval(kernel, Kernel.INITIAL_STATE, expression);
    }

    @Test
    void integers_never_show_an_l_suffix() {
        assertEquals("1606938044258990275541962092341162602522202993782792835301376",
                shown("2**200"));
        assertEquals("-3", shown("-3L"));
        assertEquals("(True, None, 1.5)", shown("(True, None, 1.5)"));
    }

    @Test
    void sets_and_frozensets_use_python_3_displays() {
        assertEquals("{1, 2}", shown("{1, 2}"));
        assertEquals("frozenset({1, 2})", shown("frozenset([1, 2])"));
        assertEquals("set()", shown("set()"));
        assertEquals("frozenset()", shown("frozenset()"));
    }

    @Test
    void types_and_classes_show_as_class() {
        assertEquals("(<class 'int'>, <class 'int'>, <class 'str'>, <class 'str'>)",
                shown("(type(1), type(2**100), type('x'), type('♥'))"));
        assertEquals("<class '__main__.A'>", shown("class A: pass\nA"));
        assertEquals("<class '__main__.Old'>", shown("class Old(): pass\nOld"));
    }

    @Test
    void functions_show_as_ipython_shows_them() {
        assertEquals("<function __main__.f(x, y=1, *args, **kw)>",
                shown("def f(x, y=1, *args, **kw):\n    pass\nf"));
        assertEquals("<function __main__.<lambda>(x)>", shown("lambda x: x"));
    }

    @Test
    void text_has_no_u_prefix_and_escapes_like_python_3() {
        assertEquals("'♥♠♦♣'", shown("'♥♠♦♣'"));
        assertEquals("\"it's\"", shown("u\"it's\""));
        assertEquals("'tab\\there\\x01é♥'", shown("u'tab\\there\\x01é♥'"));
    }

    @Test
    void nested_containers_are_shown_recursively_and_cycles_are_marked() {
        assertEquals("['a', {1: 1180591620717411303424}, ('x',)]",
                shown("[u'a', {1: 2**70}, (u'x',)]"));
        assertEquals("[1, [...]]", shown("xs = [1]\nxs.append(xs)\nxs"));
    }

    @Test
    void repr_called_by_user_code_is_unchanged() {
        assertEquals("'5L'", shown("repr(5L)"));
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, "print({1, 2}, 2**70)");
        assertEquals("set([1, 2]) 1180591620717411303424\n", result.streamText("stdout"));
    }

    @Test
    void displays_and_the_variables_pane_use_python_3_reprs_too() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, "display({3}, 2**70)");
        Output.DisplayData first = (Output.DisplayData) result.outputs().get(0);
        assertEquals("{3}", first.data().get("text/plain"));
        String state = step(kernel, Kernel.INITIAL_STATE, "big = 2**70\nwords = {u'é'}");
        var variables = kernel.getState(state).orElseThrow().variables();
        assertEquals("1180591620717411303424", variables.get("big").repr());
        assertEquals("{'é'}", variables.get("words").repr());
    }
}
