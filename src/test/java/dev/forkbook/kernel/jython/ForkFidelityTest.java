package dev.forkbook.kernel.jython;

import static dev.forkbook.kernel.jython.KernelFixture.eval;
import static dev.forkbook.kernel.jython.KernelFixture.run;
import static dev.forkbook.kernel.jython.KernelFixture.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.StateInfo;
import org.junit.jupiter.api.Test;

/** Running from a state behaves as if its path had been replayed in one fresh interpreter. */
class ForkFidelityTest extends KernelTestBase {


    private static String at(String code) {
        return step(kernel, Kernel.INITIAL_STATE, code);
    }

    @Test
    void a_function_from_an_earlier_cell_reads_the_globals_of_the_calling_execution() {
        String defined = at("x = 1\ndef f():\n    return x");
        assertEquals("2", eval(kernel, defined, "x = 2\nf()"));
        assertEquals("1", eval(kernel, defined, "f()"));
    }

    @Test
    void a_function_from_an_earlier_cell_writes_globals_of_the_calling_execution() {
        String defined = at("n = 0\ndef bump():\n    global n\n    n += 1");
        String bumped = step(kernel, defined, "bump()\nbump()");
        assertEquals("2", eval(kernel, bumped, "n"));
        assertEquals("0", eval(kernel, defined, "n"));
    }

    @Test
    void methods_of_classes_from_earlier_cells_read_the_callers_globals() {
        String defined = at("scale = 10\nclass C(object):\n    def get(self):\n        return scale\nc = C()");
        assertEquals("99", eval(kernel, defined, "scale = 99\nc.get()"));
    }

    @Test
    void aliasing_between_variables_survives_a_snapshot() {
        String aliased = at("a = [1]\nb = a");
        String appended = step(kernel, aliased, "b.append(2)");
        assertEquals("([1, 2], True)", eval(kernel, appended, "a, a is b"));
        assertEquals("[1]", eval(kernel, aliased, "a"));
    }

    @Test
    void aliasing_survives_when_the_shared_object_hangs_inside_other_containers_and_objects() {
        String aliased = at("class Box(object):\n    pass\nshared = {'k': [0]}\n"
                + "box = Box()\nbox.inner = [shared]\nholder = {'x': (shared, 1)}");
        String mutated = step(kernel, aliased, "holder['x'][0]['k'].append(1)");
        assertEquals("([0, 1], [0, 1], True)", eval(kernel, mutated,
                "shared['k'], box.inner[0]['k'], box.inner[0] is holder['x'][0]"));
    }

    @Test
    void writing_one_alias_without_reading_it_keeps_the_other_intact() {
        String aliased = at("a = [1]\nb = a");
        String rebound = step(kernel, aliased, "a = 'new'");
        assertEquals("('new', [1])", eval(kernel, rebound, "a, b"));
        String appended = step(kernel, rebound, "b.append(5)");
        assertEquals("[1, 5]", eval(kernel, appended, "b"));
    }

    @Test
    void mutating_nested_containers_in_a_child_never_changes_parent_or_sibling() {
        String parent = at("data = {'rows': [[1, 2], [3]], 'tags': set(['a'])}");
        String left = step(kernel, parent, "data['rows'][0].append(99)\ndata['tags'].add('b')");
        String right = step(kernel, parent, "data['rows'].append([7])");
        assertEquals("[[1, 2], [3]]", eval(kernel, parent, "data['rows']"));
        assertEquals("[[1, 2, 99], [3]]", eval(kernel, left, "data['rows']"));
        assertEquals("[[1, 2], [3], [7]]", eval(kernel, right, "data['rows']"));
        assertEquals("['a']", eval(kernel, right, "sorted(data['tags'])"));
    }

    @Test
    void mutating_instances_in_a_child_never_changes_the_parent_and_isinstance_still_works() {
        String parent = at("class Point(object):\n    def __init__(self, x):\n        self.x = x\n"
                + "p = Point(1)");
        String child = step(kernel, parent, "p.x = 5");
        assertEquals("1", eval(kernel, parent, "p.x"));
        assertEquals("(5, True)", eval(kernel, child, "p.x, isinstance(p, Point)"));
    }

    @Test
    void closure_cells_are_copied_per_state() {
        String parent = at("def counter():\n    count = [0]\n    def inc():\n        count[0] += 1\n"
                + "        return count[0]\n    return inc\nc = counter()\nc()");
        String child = step(kernel, parent, "c()\nc()");
        assertEquals("4", eval(kernel, child, "c()"));
        assertEquals("2", eval(kernel, parent, "c()"));
        assertEquals("2", eval(kernel, parent, "c()"));
    }

    @Test
    void nonlocal_style_closures_over_rebound_cells_are_independent() {
        String parent = at("def make():\n    total = {'n': 0}\n    def add(k):\n        total['n'] += k\n"
                + "        return total['n']\n    return add\nadd = make()");
        String a = step(kernel, parent, "add(5)");
        assertEquals("6", eval(kernel, a, "add(1)"));
        assertEquals("1", eval(kernel, parent, "add(1)"));
    }

    @Test
    void uncopyable_values_are_kept_by_reference_and_reported_shared() {
        String parent = at("import threading\nlock = threading.Lock()\n"
                + "gen = (i for i in range(3))\nplain = [1]");
        StateInfo info = kernel.getState(parent).orElseThrow();
        assertTrue(info.variables().get("gen").shared());
        assertTrue(info.variables().get("lock").shared());
        assertFalse(info.variables().get("plain").shared());
        assertEquals("0", eval(kernel, parent, "next(gen)"));
    }

    @Test
    void open_files_are_shared_and_never_break_the_state() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("forkbook", ".txt");
        java.nio.file.Files.writeString(file, "hello\nworld\n");
        String parent = at("f = open(r'" + file + "')");
        assertTrue(kernel.getState(parent).orElseThrow().variables().get("f").shared());
        assertEquals("'hello\\n'", eval(kernel, parent, "f.readline()"));
    }

    @Test
    void modules_are_shared_singletons() {
        String parent = at("import math");
        assertEquals("3.0", eval(kernel, parent, "math.sqrt(9)"));
        assertFalse(kernel.getState(parent).orElseThrow().variables().get("math").shared());
    }

    @Test
    void deep_structures_are_copied_without_overflowing_the_stack() {
        String parent = at("deep = []\ncur = deep\nfor _ in range(100000):\n    nxt = []\n"
                + "    cur.append(nxt)\n    cur = nxt\ndel cur, nxt");
        String child = step(kernel, parent, "probe = deep\nfor _ in range(99999):\n"
                + "    probe = probe[0]\nprobe.append('leaf')\ndel probe");
        assertEquals("True", eval(kernel, child, "p = deep\nfor _ in range(99999):\n"
                + "    p = p[0]\np == [[], 'leaf']"));
        assertEquals("True", eval(kernel, parent, "p = deep\nfor _ in range(99999):\n"
                + "    p = p[0]\np == [[]]"));
    }

    @Test
    void collections_containers_are_copied_per_state_keeping_type_order_factory_maxlen_and_aliasing() {
        String parent = at("from collections import Counter, OrderedDict, defaultdict, deque\n"
                + "class Tagged(dict):\n    pass\n"
                + "shared = [0]\nc = Counter('abca')\no = OrderedDict([('z', shared), ('a', 2)])\n"
                + "d = defaultdict(list)\nd['k'].append(shared)\nq = deque([shared, 2], maxlen=3)\n"
                + "t = Tagged(x=shared)\nt.note = 'n'");
        String child = step(kernel, parent, "c['a'] += 10\no['m'] = 3\nd['new'].append(1)\n"
                + "q.append(3)\nq.append(4)\nt['y'] = 1\nshared.append(1)");
        assertEquals("(2, ['z', 'a'], ['k'], [[0], 2], ['x'], [0])",
                eval(kernel, parent, "(c['a'], list(o), sorted(d), list(q), sorted(t), shared)"));
        assertEquals("(12, ['z', 'a', 'm'], ['k', 'new'], [2, 3, 4], 3, ['x', 'y'], 'n', 'Counter',"
                + " 'OrderedDict', 'Tagged', [], True)", eval(kernel, child, "(c['a'], list(o),"
                + " sorted(d), list(q), q.maxlen, sorted(t), t.note, type(c).__name__,"
                + " type(o).__name__, type(t).__name__, d['other'], o['z'] is d['k'][0] is t['x']"
                + " is shared)"));
    }

    @Test
    void a_dict_subclass_with_its_own_deepcopy_is_copied_by_it() {
        String parent = at("class Odd(dict):\n    def __deepcopy__(self, memo):\n"
                + "        return Odd(copied=True)\nodd = Odd(a=1)");
        assertEquals("{'copied': True}", eval(kernel, parent, "dict(odd)"));
    }

    @Test
    void custom_deepcopy_is_honoured() {
        String parent = at("class Token(object):\n    copies = []\n    def __deepcopy__(self, memo):\n"
                + "        t = Token()\n        t.copied = True\n        return t\ntok = Token()");
        assertEquals("True", eval(kernel, parent, "getattr(tok, 'copied', False)"));
    }

    @Test
    void a_failed_run_stores_no_state_and_changes_nothing() {
        String parent = at("items = [1]");
        ExecutionResult failed = run(kernel, parent, "items.append(2)\nraise ValueError('no')");
        assertEquals("ValueError", failed.error().ename());
        assertEquals("[1]", eval(kernel, parent, "items"));
    }

    @Test
    void deleting_a_variable_in_a_child_keeps_it_in_the_parent() {
        String parent = at("a = 1\nb = 2");
        String child = step(kernel, parent, "del a");
        assertEquals("['b']", eval(kernel, child,
                "sorted(k for k in globals() if not k.startswith('__'))"));
        assertEquals("1", eval(kernel, parent, "a"));
        assertEquals("NameError", run(kernel, child, "a").error().ename());
    }

    @Test
    void re_using_a_state_name_overwrites_that_state() {
        KernelFixture.run(kernel, Kernel.INITIAL_STATE, "v = 1", "reused");
        KernelFixture.run(kernel, Kernel.INITIAL_STATE, "v = 2", "reused");
        assertEquals("2", eval(kernel, "reused", "v"));
    }
}
