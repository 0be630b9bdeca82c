package dev.forkbook.kernel.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The translation as a pure function: shapes of the output and line counts. */
class Py3TranslatorTest {

    private static String tr(String source) {
        String out = Py3Translator.translate(source);
        assertEquals(source.split("\n", -1).length, out.split("\n", -1).length,
                "lines kept:\n" + out);
        return out;
    }

    @Test
    void a_cell_without_python_3_syntax_comes_back_as_the_same_string() {
        String source = "x = 1\ny = x + 2";
        assertSame(source, Py3Translator.translate(source));
        String withCalls = "def f(a, b=2):\n    return [a, b]\nprint(f(1), 'x')";
        assertSame(withCalls, Py3Translator.translate(withCalls));
    }

    @Test
    void f_strings_become_percent_formatting_with_python_3_field_semantics() {
        assertEquals("(('%s=%s' % (_fb_fs((a)), format((b), '.2f'),)))",
                tr("f'{a}={b:.2f}'"));
        assertEquals("('{x} 100%')", tr("f'{{x}} 100%'"));
    }

    @Test
    void java_methods_named_await_or_async_are_plain_attribute_calls() {
        String source = "barrier.await(20, TimeUnit.SECONDS)\nx.async(1)";
        assertSame(source, Py3Translator.translate(source));
    }

    @Test
    void annotations_are_blanked_so_columns_after_them_stay() {
        assertEquals("def f(a     , b=1)       :\n    return a",
                tr("def f(a: int, b=1) -> int:\n    return a"));
    }

    @Test
    void a_prologue_before_a_compound_statement_gets_its_own_line_and_the_map_gives_it_back() {
        Py3Translator.Translation translation = Py3Translator.translateMapped(
                "def f(*, b=1):\n    if b:\n        return b\nf()");
        assertEquals("def f(_fb_kwd=_fb_KwDefaults(1), **_fb_kw):\n"
                + "    _fb_kwpos(_fb_kwd, 'f', 0); b = _fb_kw.pop('b', _fb_kwd[0]);"
                + " _fb_nokw(_fb_kw, 'f')\n    if b:\n        return b\nf()",
                translation.source());
        assertEquals(2, translation.originalLine(2));
        assertEquals(2, translation.originalLine(3));
        assertEquals(4, translation.originalLine(5));
    }

    @Test
    void non_ascii_names_become_ascii_names_that_map_back() {
        assertEquals("_fbu__3c0_ = 1\n_fbu_caf_e9_.x__y = _fbu__3c0_", tr("π = 1\ncafé.x__y = π"));
        assertEquals("café", Py3Translator.displayName(Py3Translator.pyName("café")));
        assertEquals("a_b_ñ", Py3Translator.displayName(Py3Translator.pyName("a_b_ñ")));
        assertEquals("plain", Py3Translator.displayName("plain"));
    }

    @Test
    void every_translation_keeps_the_number_of_lines() {
        String[] cells = {
            "f'a {x!r:>{w}} {y=} {z:.2f} 100%'",
            "def f(a: int, *, b: str = 'x', c) -> None:\n    return a",
            "def g(a, /, b):\n    '''doc'''\n    for i in a: pass",
            "x: int = 5\ny: List[int]\nz = 1_000_000",
            "a, *rest = [1, 2, 3]\nb = [*rest, 4]\nd = {**{'a': 1}, 'b': 2}\nf(*a, *b, c, **d, **e)",
            "def outer():\n    count = 0\n    def inc():\n        nonlocal count\n        count += 1\n        return count\n    return inc",
            "class A:\n    def __init__(self):\n        super().__init__()\n        print('\u2665', ...)",
            "%timeit f(x)\n!ls -l\nfiles = !ls\nraise ValueError('x') from None",
            "def gen():\n    yield from range(3)\nexec('print(1, 2)')",
            "x = [*a,\n     b,\n     c]\ny = f(*a,\n      *b)\nz = f'''{\nx}'''",
            "for a, *b in xs:\n    pass\ny = [c for (c, *d) in zs if d]\nisinstance(x, int | str)",
        };
        for (String cell : cells) {
            tr(cell);
        }
    }
}
