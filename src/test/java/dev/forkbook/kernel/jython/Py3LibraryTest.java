package dev.forkbook.kernel.jython;

import static dev.forkbook.kernel.jython.KernelFixture.eval;
import static dev.forkbook.kernel.jython.KernelFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import org.junit.jupiter.api.Test;

/** Python 3 library names notebooks use, on real executions; expected values are CPython 3's. */
class Py3LibraryTest extends KernelTestBase {

    private static String shown(String code) {
        return eval(kernel, Kernel.INITIAL_STATE, code);
    }

    @Test
    void math_has_prod_comb_perm_isqrt_and_gcd() {
        assertEquals("(24, 10, 20, 3, 6, True)", shown("import math\n(math.prod([1, 2, 3, 4]),"
                + " math.comb(5, 2), math.perm(5, 2), math.isqrt(15), math.gcd(12, 18),"
                + " math.isclose(0.1 + 0.2, 0.3))"));
        assertEquals("10000000000", shown("import math\nmath.isqrt(10**20)"));
    }

    @Test
    void min_and_max_take_a_default_for_an_empty_iterable() {
        assertEquals("([], 0, [1, 2, 3], 'a', 3)", shown("(max([], key=len, default=[]), "
                + "min(iter([]), default=0), max([[1], [1, 2, 3]], key=len, default=None), "
                + "min('cab'), max(1, 3, 2))"));
    }

    @Test
    void functools_lru_cache_memoizes_with_and_without_arguments() {
        assertEquals("(354224848179261915075, 'CacheInfo(hits=98, misses=101, maxsize=None,"
                + " currsize=101)')", shown("from functools import lru_cache\n"
                + "@lru_cache(maxsize=None)\ndef fib(n):\n    return n if n < 2 else fib(n-1) + fib(n-2)\n"
                + "(fib(100), fib.cache_info())"));
        assertEquals("2", shown("import functools\n@functools.lru_cache\ndef sq(x):\n    return x * x\n"
                + "sq(1) + sq(1)"));
    }

    @Test
    void itertools_accumulate_takes_an_initial_value() {
        assertEquals("([1, 3, 6], [100, 101, 103, 106])", shown("from itertools import accumulate\n"
                + "(list(accumulate([1, 2, 3])), list(accumulate([1, 2, 3], initial=100)))"));
    }

    @Test
    void importlib_reload_and_sys_intern_exist() {
        assertEquals("(True, 'ab')", shown("import importlib, sys, json\n"
                + "(importlib.reload(json) is json, sys.intern('ab'))"));
    }

    @Test
    void range_of_huge_bounds_is_lazy_like_python_3() {
        assertEquals("(999999999999, True, range(0, 1000000000000), 0)",
                shown("r = range(10**12)\n(r[-1], 10**11 in r, r, next(iter(r)))"));
        assertEquals("[0, 2, 4]", shown("list(range(0, 6, 2))"));
    }

    @Test
    void typing_names_work_in_aliases_and_stripped_annotations() {
        assertEquals("(typing.List[int], [1.0])", shown("from typing import List, Dict, Optional,"
                + " Tuple, Any, Union, Callable, TypeVar, Generic\n"
                + "T = TypeVar('T')\nVector = List[float]\n"
                + "class Box(Generic[T]):\n    pass\n"
                + "def scale(v: Vector, k: Optional[float] = None) -> Vector:\n    return v\n"
                + "(List[int], scale([1.0]))"));
    }

    @Test
    void dataclasses_build_init_repr_eq_and_order_from_class_annotations() {
        assertEquals("(Point(x=1, y=2.5, tags=[]), True, False, [Point(x=0, y=0.0, tags=[])])",
                shown("from dataclasses import dataclass, field\n"
                        + "@dataclass(order=True)\nclass Point:\n    x: int\n    y: float = 0.0\n"
                        + "    tags: list[str] = field(default_factory=list)\n"
                        + "p = Point(1, 2.5)\n"
                        + "(p, p == Point(1, 2.5), p < Point(0), sorted([Point(0)]))"));
        ExecutionResult frozen = run(kernel, Kernel.INITIAL_STATE,
                "from dataclasses import dataclass\n@dataclass(frozen=True)\nclass C:\n    a: int\n"
                        + "C(1).a = 2");
        assertEquals("FrozenInstanceError", frozen.error().ename());
    }

    @Test
    void nose_tools_asserts_are_importable_and_fail_like_unittest() {
        assertEquals("[None, None, None, None]", shown("from nose.tools import assert_equal,"
                + " assert_true, ok_, eq_\n"
                + "[assert_equal(1, 1), assert_true(True), ok_(1), eq_(2, 2)]"));
        ExecutionResult failed = run(kernel, Kernel.INITIAL_STATE,
                "from nose.tools import assert_equal\nassert_equal(1, 2)");
        assertEquals("AssertionError", failed.error().ename());
        assertTrue(failed.error().evalue().contains("1 != 2"), failed.error().evalue());
    }

    @Test
    void statistics_has_python_3s_common_functions() {
        assertEquals("(2.5, 2.5, 2, 1.290994, 1.25, 2)", shown("import statistics as s\n"
                + "(s.mean([1, 2, 3, 4]), s.median([3, 1, 2, 4]), s.mode([1, 2, 2, 3]),"
                + " round(s.stdev([1, 2, 3, 4]), 6), s.pvariance([1, 2, 3, 4]), s.mean([1, 2, 3]))"));
    }

    @Test
    void pathlib_joins_inspects_writes_and_reads_paths(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) {
        String root = dir.toString().replace("\\", "/");
        assertEquals("(PosixPath('data/raw/x.tar.gz'), 'x.tar', '.gz', ['.tar', '.gz'], 'raw')",
                shown("from pathlib import Path\np = Path('data') / 'raw' / 'x.tar.gz'\n"
                        + "(p, p.stem, p.suffix, p.suffixes, p.parent.name)"));
        assertEquals("('héllo ♥', True, ['a.txt'])", shown("from pathlib import Path\n"
                + "d = Path('" + root + "') / 'sub'\nd.mkdir(parents=True, exist_ok=True)\n"
                + "f = d / 'a.txt'\nf.write_text('héllo ♥')\n"
                + "(f.read_text(), f.exists(), [q.name for q in d.glob('*.txt')])"));
    }

    @Test
    void format_accepts_a_fill_character_that_is_an_alignment_character() {
        assertEquals("('x=======', 'x=======', '===x====|>>>3', '=======2', '--x')",
                shown("w = 4\n('{0:=<8}'.format('x'), format('x', '=<8'),"
                        + " '{:=^8}|{n:>>{w}}'.format('x', n=3, w=w), f'{2:==8}', format('x', '->3'))"));
        assertEquals("ValueError", run(kernel, Kernel.INITIAL_STATE, "'{0:=<<8}'.format('x')")
                .error().ename());
    }

    @Test
    void an_ascii_template_formats_non_ascii_text_as_python_3_text() {
        assertEquals("('José: ♥|', 4)", shown("name = 'José'\n"
                + "t = '{}: {}|'.format(name, '♥')\n(t, len('{}'.format(name)))"));
    }

    @Test
    void astral_plane_characters_count_index_split_and_iterate_as_python_3_does() {
        assertEquals("(1, 11, '𒐕', ['a𒐕', 'b𒐕𒐕', 'c\\t😀x'], 3, 5, 3, 2, 12, '😀x')",
                shown("s = 'a𒐕 b𒐕𒐕 c\\t😀x'\n(len('𒐕'), len(s), s[1], s.split(' '),"
                        + " s.index('b'), s.rindex('𒐕'), s.count('𒐕'), s.count('𒐕', 3, 6),"
                        + " s.count(''), s.partition('\\t')[2])"));
        assertEquals("[[97, 74773], [98, 74773, 74773], [99], [128512, 120]] 2 a𒐕 b𒐕𒐕\n",
                run(kernel, Kernel.INITIAL_STATE, "s = 'a𒐕 b𒐕𒐕 c\\t😀x'\n"
                        + "print([[ord(c) for c in part] for part in s.split()],"
                        + " len(s.rsplit(' ', 1)[0].split()), s.rpartition(' ')[0])")
                        .streamText("stdout"));
        assertEquals("(36191, 'ab  😀   x')", shown("value = {'𒐕': 1, '𒌋': 10}\n"
                + "def digits(num):\n    return [sum(value[c] for c in group) for group in num.split(' ')]\n"
                + "(sum(d * 60 ** i for i, d in enumerate(reversed(digits('𒌋 𒐕𒐕𒐕 𒌋𒐕')))),"
                + " 'ab\\t😀\\tx'.expandtabs(4))"));
    }

    @Test
    void text_has_python_3s_isascii_removeprefix_and_chr_beyond_latin_1() {
        assertEquals("(True, False, 'fix', 'pre', '𒐕', 'π', 1, True)", shown("('abc'.isascii(),"
                + " 'é'.isascii(), 'prefix'.removeprefix('pre'), 'prefix'.removesuffix('fix'),"
                + " chr(0x12415), chr(0x3c0), len(chr(0x1F600)), isinstance(chr(200), str))"));
    }

    @Test
    void itertools_has_python_3_names() {
        assertEquals("([(1, 'a'), (2, None)], [1, 3])", shown("import itertools\n"
                + "from itertools import zip_longest\n"
                + "(list(zip_longest([1, 2], ['a'])), list(itertools.filterfalse(lambda x: x % 2 == 0,"
                + " [1, 2, 3])))"));
    }

    @Test
    void open_with_an_encoding_reads_and_writes_python_3_text(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws java.io.IOException {
        String file = dir.resolve("t.txt").toString().replace("\\", "/");
        assertEquals("('abc\\né ♥\\nend\\n', True)", shown("with open('" + file
                + "', 'w', encoding='utf-8') as f:\n    f.write('abc\\n')\n    f.write('é ♥\\n')\n"
                + "    print('end', file=f)\n"
                + "with open('" + file + "', encoding='utf-8') as f:\n    text = f.read()\n"
                + "(text, isinstance(open('" + file + "').read(), str))"));
        assertEquals("abc\né ♥\nend\n", java.nio.file.Files.readString(dir.resolve("t.txt")));
    }
}
