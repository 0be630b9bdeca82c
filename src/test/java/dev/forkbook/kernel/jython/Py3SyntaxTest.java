package dev.forkbook.kernel.jython;

import static dev.forkbook.kernel.jython.KernelFixture.eval;
import static dev.forkbook.kernel.jython.KernelFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import org.junit.jupiter.api.Test;

/**
 * Python 3 syntax runs on the Jython kernel through the translation. Expected outputs are what
 * CPython 3.11 prints for the same cells.
 */
class Py3SyntaxTest extends KernelTestBase {

    private static String out(String code) {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, code);
        assertTrue(result.succeeded(), () -> code + "\n" + result.error());
        return result.streamText("stdout");
    }

    private static String value(String code) {
        return eval(kernel, Kernel.INITIAL_STATE, code);
    }

    private static ExecutionResult failing(String code) {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, code);
        assertFalse(result.succeeded(), code);
        return result;
    }

    @Test
    void f_strings_support_conversions_specs_nested_fields_and_self_documenting_fields() {
        assertEquals("a 'x' 3.14 x=5 100%\n", out("x = 5\nname = 'x'\npi = 3.14159\n"
                + "print(f'a {name!r} {pi:.2f} {x=} 100%')"));
        assertEquals("[     3.142] {x} 0.30000000000000004 x = 5 |   x|\n",
                out("num, width, prec, x, s = 3.14159, 10, 4, 5, 'x'\n"
                        + "print(f'[{num:{width}.{prec}}] {{x}} {0.1 + 0.2} {x = } |{s!s:>4}|')"));
        assertEquals("'a-b' 7\n", out("d = {'k': [1, 2, 3]}\n"
                + "print(f\"{'-'.join(['a', 'b'])!r} {len(d['k']) * 2 + 1}\")"));
        assertEquals("two\nlines 2\n", out("n = 2\nprint(f'''two\nlines {n}''')"));
        assertEquals("ab1c\n", out("print('a' f'b{1}' 'c')"));
        assertEquals("v=1.50\n", out("v = 1.5\nprint(f'{v=:.2f}')"));
    }

    @Test
    void f_strings_with_non_ascii_text_and_unicode_values_work() {
        assertEquals("José ♥ 4\n", out("name = 'José'\nprint(f'{name} ♥ {len(\"♥♠♦♣\")}')"));
    }

    @Test
    void annotations_are_stripped_from_parameters_returns_and_variables() {
        assertEquals("5 ab [1]\n", out("from typing import List\n"
                + "x: int = 5\ny: List[int]\n"
                + "def f(a: str, b: 'str' = 'b') -> str:\n    return a + b\n"
                + "def g(xs: list[int]) -> tuple[int, int]:\n    return xs\n"
                + "print(x, f('a'), g([1]))"));
    }

    @Test
    void keyword_only_arguments_bind_by_name_and_are_required_when_they_have_no_default() {
        assertEquals("1 2 3 (4,)\n", out("def f(a, *, b=2, c):\n    return a, b, c\n"
                + "def g(*args, key=None):\n    return args, key\n"
                + "print(*f(1, c=3), g(4)[0])"));
        assertEquals("TypeError", failing("def f(*, c):\n    return c\nf()").error().ename());
        assertTrue(failing("def f(*, c):\n    return c\nf(c=1, d=2)").error().evalue()
                .contains("unexpected keyword argument 'd'"));
        assertEquals("(1, 2)", value("def f(a, /, b):\n    return a, b\nf(1, b=2)"));
    }

    @Test
    void extended_unpacking_in_targets_displays_and_calls() {
        assertEquals("1 [2, 3] 4\n", out("a, *rest, z = [1, 2, 3, 4]\nprint(a, rest, z)"));
        assertEquals("[0, 1, 2, 9]", value("xs = [1, 2]\n[0, *xs, 9]"));
        assertEquals("{'a': 3, 'b': 2}", value("a = {'a': 1}\nb = {'b': 2}\n{**a, **b, 'a': 3}"));
        assertEquals("(1, 2, 3)", value("t = (2, 3)\n(1, *t)"));
        assertEquals("{1, 2}", value("s = {2}\n{1, *s}"));
        assertEquals("(1, 2, 3, 4, {'x': 1, 'y': 2})",
                value("def f(*args, **kw):\n    return args + (kw,)\n"
                        + "f(*[1], *[2, 3], 4, **{'x': 1}, **{'y': 2})"));
        assertEquals("[1, 2]\n", out("first, *rest = [0, 1, 2]\nprint(rest)"));
        assertEquals("0 [1, 2]\n", out("[a, *b] = (0, 1, 2)\nprint(a, b)"));
    }

    @Test
    void a_starred_tuple_inside_the_subscript_of_a_target_is_a_value() {
        assertEquals("{('v', 1, 2): 9} 9\n", out("d = {}\nks = [1, 2]\n"
                + "d[('v', *(k for k in ks))] = 9\nprint(d, d[('v', *ks)])"));
    }

    @Test
    void python_3_only_future_imports_are_accepted() {
        assertEquals("3 0.5\n", out("from __future__ import annotations\n"
                + "from __future__ import (generator_stop, print_function)\n"
                + "def f(x: Point) -> int:\n    return x\nprint(f(3), 1 / 2)"));
    }

    @Test
    void starred_for_targets_unpack_each_item_in_loops_and_comprehensions() {
        assertEquals("1 [2, 3]\n4 []\n", out("for a, *b in [(1, 2, 3), (4,)]:\n    print(a, b)"));
        assertEquals("0 ['', '  ']\n1 ['x']\n", out("tests = [(0, [0], '', '  '), (1, [1], 'x')]\n"
                + "for (n, digits, *nums) in tests:\n    print(n, nums)"));
        assertEquals("([[2, 3], [5]], {1: [2, 3], 4: [5]}, 3, [[1], []])",
                value("pairs = [(1, 2, 3), (4, 5)]\n"
                        + "[b for a, *b in pairs], {a: rest for (a, *rest) in pairs},"
                        + " sum(len(a) for *a, b in pairs), [a for *a, b, c in pairs]"));
        assertTrue(failing("for a, *b, c in [(1,)]:\n    pass").error().evalue()
                .contains("not enough values to unpack"));
        assertEquals("0 1 [2, 3]\n1 4 []\n1 2 [3, 4] 5\n", out("for i, (first, *rest) in enumerate([[1, 2, 3], [4]]):\n"
                + "    print(i, first, rest)\na, (b, *c), d = 1, [2, 3, 4], 5\nprint(a, b, c, d)"));
        assertEquals("[('a', [2])]", value("[(k, r) for k, (f, *r) in [('a', (1, 2))]]"));
    }

    @Test
    void keyword_only_arguments_and_nonlocal_work_when_the_body_starts_with_a_compound_statement() {
        assertEquals("([1], 2) [5] ((1, 2), 3) 5 6\n", out("def f(a, *, b=None, c):\n"
                + "    if b is None:\n        b = []\n    b.append(a)\n    return b, c\n"
                + "def g(*args, key=None):\n    for x in args:\n        pass\n    return args, key\n"
                + "def h(x, *, y=1):\n    try:\n        return x + y\n    finally:\n        pass\n"
                + "def outer():\n    for i in range(3):\n        pass\n    count = 0\n"
                + "    def inc():\n        nonlocal count\n        while count < 5:\n"
                + "            count += 1\n        return count\n    return inc()\n"
                + "print(f(1, c=2), f(5, c=0)[0], g(1, 2, key=3), outer(), h(5))"));
        assertEquals("5 10\n", out("class C:\n    def m(self, *, k=5):\n        with open('/dev/null'):\n"
                + "            return k\nprint(C().m(), C().m(k=10))"));
    }

    @Test
    void keyword_only_defaults_are_evaluated_once_when_the_def_runs() {
        assertEquals("[1] [1, 2] 0 [1, 2, 3]\n", out("calls = []\n"
                + "def default():\n    calls.append(1)\n    return []\n"
                + "def f(x, *, acc=default()):\n    acc.append(x)\n    return list(acc)\n"
                + "print(f(1), f(2), len(calls) - 1, f(3))"));
        assertEquals("TypeError", failing("def f(a, *, b=1):\n    return a\nf(1, 2)").error().ename());
    }

    @Test
    void tracebacks_point_at_the_users_line_when_the_translation_added_a_line() {
        ExecutionResult result = failing("def h(x, *, y=1):\n    try:\n        return 1 / x\n"
                + "    except ZeroDivisionError:\n        raise ValueError(y)\n\nh(0)");
        String traceback = String.join("\n", result.error().traceback());
        assertTrue(traceback.contains("line 5, in h"), traceback);
        assertTrue(traceback.contains("raise ValueError(y)"), traceback);
        assertTrue(traceback.contains("line 7, in <module>"), traceback);
        ExecutionResult syntax = failing("def h(*, y=1):\n    if y:\n        pass\nx = = 1");
        assertEquals("SyntaxError", syntax.error().ename());
        assertTrue(String.join("\n", syntax.error().traceback()).contains("line 4"),
                String.join("\n", syntax.error().traceback()));
    }

    @Test
    void non_ascii_identifiers_work_within_and_across_cells() {
        String state = KernelFixture.step(kernel, Kernel.INITIAL_STATE, "π = 3.14\ncafé = 1\n"
                + "def área(r, *, escala=1):\n    return π * r * r * escala\n"
                + "class Punto:\n    def __init__(self, x):\n        self.équis = x");
        assertEquals("6.28 2 6.28 5 3.14\n", run(kernel, state,
                "print(π * 2, café + 1, área(1, escala=2), Punto(5).équis, f'{π}')")
                .streamText("stdout"));
    }

    @Test
    void unions_of_types_work_in_annotations_and_isinstance() {
        assertEquals("(True, False, True, 2, 5)", value("def k(x: int | None = None) -> int | str:\n"
                + "    return x\ny: int | None = 5\n"
                + "isinstance(3, int | str), isinstance('a', int | float), issubclass(bool, str | int),"
                + " k(2), y"));
    }

    @Test
    void translated_code_works_inside_class_bodies_and_methods() {
        assertEquals("P(1) [1, 2]\n", out("class P:\n    def __init__(self, x: int, *, tail=(2,)):\n"
                + "        self.x, self.tail = x, [*tail]\n"
                + "    def __repr__(self):\n        return f'P({self.x})'\n"
                + "p = P(1)\nprint(p, [p.x, *p.tail])"));
    }

    @Test
    void python_2_print_statements_of_old_notebooks_still_print() {
        assertEquals("a 1\nx y\n\n-1 [2]\n", out("print 'a', 1\nprint 'x',\nprint 'y'\nprint\n"
                + "print -1, [2]\nimport sys\nprint >>sys.stderr, 'err'\nprint = 3"));
        assertEquals("[1, 2]", value("from collections import abc\nimport collections.abc\n"
                + "isinstance([], abc.Sequence)\n[1, 2]"));
    }

    @Test
    void lists_have_copy_and_clear_and_other_objects_keep_their_own() {
        assertEquals("[1, 2] [] {'a': 1} [3]\n", out("xs = [1, 2]\nys = xs.copy()\nxs.clear()\n"
                + "d = {'a': 1}.copy()\nclass Box:\n    def __init__(self):\n        self.items = [3]\n"
                + "b = Box()\nprint(ys, xs, d, b.items.copy())"));
    }

    @Test
    void numeric_underscores_are_plain_numbers() {
        assertEquals("1001000.5", value("1_000_000 + 1_000.5"));
        assertEquals("255", value("0xff_ff & 0b1111_1111"));
    }

    @Test
    void nonlocal_rebinds_the_enclosing_functions_variable() {
        assertEquals("2 2 12\n", out("def counter(start=0):\n    count = start\n"
                + "    def inc():\n        nonlocal count\n        count += 1\n        return count\n"
                + "    return inc\n"
                + "c = counter()\nc()\nprint(c(), counter()() + 1, counter(10)() + 1)"));
        assertEquals("2 [1, 2]\n", out("def outer(n):\n    seen = []\n    def add(x):\n"
                + "        nonlocal n\n        n = x\n        seen.append(x)\n"
                + "    add(1)\n    add(2)\n    return n, seen\nprint(*outer(0))"));
    }

    @Test
    void print_accepts_flush_and_end_and_sep() {
        assertEquals("a-b.c\n", out("import sys\nprint('a', 'b', sep='-', end='.', flush=True)\n"
                + "print('c', file=sys.stdout, flush=True)"));
    }

    @Test
    void class_statements_without_bases_make_new_style_classes_and_super_takes_no_arguments() {
        assertEquals("True B A\n", out("class A:\n    def hello(self):\n        return 'A'\n"
                + "class B(A):\n    def hello(self):\n        return 'B ' + super().hello()\n"
                + "print(type(A()) is A, B().hello())"));
    }

    @Test
    void yield_from_raise_from_and_ellipsis_translate() {
        assertEquals("[0, 1, 2, 9]", value("def g():\n    yield from range(3)\n    yield 9\nlist(g())"));
        assertTrue(run(kernel, Kernel.INITIAL_STATE, "def last():\n    yield from range(2)").succeeded(),
                "a yield from on the cell's last line, without a newline after it");
        assertEquals("ValueError", failing("try:\n    1 / 0\nexcept ZeroDivisionError as e:\n"
                + "    raise ValueError('bad') from e").error().ename());
        assertEquals("Ellipsis", value("def todo():\n    ...\nx = ...\nx"));
    }

    @Test
    void non_ascii_text_literals_are_unicode_and_ascii_ones_stay_str() {
        assertEquals("4 True\n", out("s = '♥♠♦♣'\nprint(len(s), isinstance('a', str))"));
        assertEquals("['a']\n", out("print(['a'])"));
    }

    @Test
    void untranslatable_constructs_give_a_syntax_error_naming_them() {
        String[][] cases = {
            {"async def f():\n    pass", "async def"},
            {"def f():\n    await g()", "await"},
            {"a = b @ c", "matrix multiplication"},
            {"if (n := 10) > 5:\n    pass", "assignment expression"},
        };
        for (String[] c : cases) {
            ExecutionResult result = failing(c[0]);
            assertEquals("SyntaxError", result.error().ename(), c[0]);
            assertTrue(result.error().evalue().contains(c[1]), result.error().evalue());
            assertTrue(result.error().evalue().contains("Forkbook runs Python 2.7"),
                    result.error().evalue());
        }
    }

    @Test
    void tracebacks_after_translation_point_at_the_users_line() {
        ExecutionResult result = failing("name = 'x'\nmsg = f'{name}'\n"
                + "def f(a: int, *, b=1) -> int:\n    return a / 0\n"
                + "first, *rest = [1, 2]\nf(1)");
        String traceback = String.join("\n", result.error().traceback());
        assertTrue(traceback.contains("line 4"), traceback);
        assertTrue(traceback.contains("return a / 0"), traceback);
        assertTrue(traceback.contains("line 6"), traceback);
    }

    @Test
    void exec_eval_and_compile_in_a_cell_use_the_cells_future_flags() {
        assertEquals("a b\n0.5\n", out("exec(\"print('a', 'b')\")\nprint(eval('1/2'))"));
        assertEquals("x=1\n", out("code = compile(\"print(f'x={1}')\", '<s>', 'exec')\nexec(code)"));
    }
}
