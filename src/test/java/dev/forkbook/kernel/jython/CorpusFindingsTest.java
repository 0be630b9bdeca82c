package dev.forkbook.kernel.jython;

import static dev.forkbook.kernel.jython.KernelFixture.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forkbook.kernel.Kernel;
import org.junit.jupiter.api.Test;

/**
 * Differences from CPython 3 that the notebook corpus (docs/corpus) found, on real executions;
 * expected values are CPython 3's.
 */
class CorpusFindingsTest extends KernelTestBase {

    private static String shown(String code) {
        return eval(kernel, Kernel.INITIAL_STATE, code);
    }

    @Test
    void a_bounded_lru_cache_evicts_the_least_recently_used_entry() {
        assertEquals("([1, 2, 3, 2], 'CacheInfo(hits=1, misses=4, maxsize=2, currsize=2)',"
                + " 'CacheInfo(hits=0, misses=2, maxsize=0, currsize=0)')",
                shown("from functools import lru_cache\ncalls = []\n"
                        + "@lru_cache(maxsize=2)\ndef f(x):\n    calls.append(x)\n    return x\n"
                        + "@lru_cache(maxsize=0)\ndef g(x):\n    return x\n"
                        + "for x in [1, 2, 1, 3, 2]:\n    f(x)\n"
                        + "g(1)\ng(1)\n"
                        + "(calls, f.cache_info(), g.cache_info())"));
    }

    @Test
    void typing_has_collection_container_and_abstract_set() {
        assertEquals("(3, True)", shown("from typing import Collection, Container, AbstractSet\n"
                + "def size(items: Collection[int]) -> int:\n    return len(items)\n"
                + "(size([1, 2, 3]), isinstance({1}, AbstractSet) and isinstance([], Container))"));
    }

    @Test
    void str_and_f_strings_of_a_dict_subclass_use_its_repr_and_plain_dicts_are_unchanged() {
        assertEquals("('B!', 'B!', 'B!', \"{'a': 1}\", \"{'a': 1}\", \"{'a': 1}\")",
                shown("class Board(dict):\n    def __repr__(self):\n        return 'B!'\n"
                        + "b = Board(a=1)\n(str(b), f'{b}', '{}'.format(b), str(dict(b)),"
                        + " f'{dict(b)}', dict.__repr__(b))"));
    }

    @Test
    void a_dataclass_keeps_the_repr_eq_and_init_its_class_body_defines() {
        assertEquals("('[7-11, 25]', True, False, 'made 1')", shown("from dataclasses import dataclass\n"
                + "@dataclass\nclass Segment:\n    start: int\n    end: int\n"
                + "    def __repr__(self):\n        return f'{self.start}-{self.end}'"
                + " if self.start != self.end else f'{self.start}'\n"
                + "@dataclass\nclass Loose:\n    a: int\n"
                + "    def __init__(self, a):\n        self.a = 'made %s' % a\n"
                + "    def __eq__(self, other):\n        return False\n"
                + "(str([Segment(7, 11), Segment(25, 25)]), Segment(1, 2) == Segment(1, 2),"
                + " Loose(1) == Loose(1), Loose(1).a)"));
    }
}
