package dev.forkbook.kernel.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forkbook.kernel.Kernel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random trees of random cells: every node's namespace, including which names alias which objects,
 * must equal that of running its whole path as one cell from {@code initial}.
 */
class DifferentialForkTest extends KernelTestBase {

    private static final String ROOT = String.join("\n",
            "a = [0]", "b = [1]", "c = {}", "d = (a, 0)", "s = set()", "x = None", "n = 0",
            "class Obj(object):", "    pass",
            "o = Obj()", "o.v = []",
            "def f():", "    return a",
            "def g(k):", "    global a", "    a = a + [k]",
            "def mk():", "    box = [0]", "    def inc():", "        box[0] += 1",
            "        return box[0]", "    return inc",
            "inc = mk()");

    private static final String[] STATEMENTS = {
        "a = [%d]", "b = a", "a.append(%d)", "b.append(%d)", "c['k' + str(%d %% 3)] = a",
        "c.setdefault('k0', []).append(%d)", "d = (a, %d)", "d[0].append(%d)", "o.v = b",
        "o.v.append(%d)", "x = f()", "g(%d)", "del b\nb = [%d]", "e = [a, b, c]", "n = inc()",
        "s = set([%d])", "s.add(%d)", "x = (o, o.v)", "o = Obj()\no.v = [%d]",
    };

    private static final String CANON = String.join("\n",
            "def _canon():",
            "    seen = {}",
            "    def walk(o):",
            "        if isinstance(o, (int, long, float, str, unicode, bool, type(None))):",
            "            return repr(o)",
            "        if id(o) in seen:",
            "            return '@%d' % seen[id(o)]",
            "        seen[id(o)] = len(seen)",
            "        tag = '#%d' % seen[id(o)]",
            "        if isinstance(o, list):",
            "            return tag + '[' + ','.join(walk(i) for i in o) + ']'",
            "        if isinstance(o, tuple):",
            "            return tag + '(' + ','.join(walk(i) for i in o) + ')'",
            "        if isinstance(o, dict):",
            "            return tag + '{' + ','.join(walk(k) + ':' + walk(o[k]) for k in sorted(o)) + '}'",
            "        if isinstance(o, (set, frozenset)):",
            "            return tag + '<' + ','.join(repr(i) for i in sorted(o)) + '>'",
            "        if callable(o):",
            "            return tag + 'fn:' + getattr(o, '__name__', '?')",
            "        if hasattr(o, '__dict__'):",
            "            return tag + type(o).__name__ + walk(o.__dict__)",
            "        return tag + repr(o)",
            "    g = globals()",
            "    return '|'.join(k + '=' + walk(g[k]) for k in sorted(g) if not k.startswith('_'))",
            "print(_canon())");


    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void every_node_equals_replaying_its_path_in_one_cell(long seed) {
        Random random = new Random(seed);
        List<String> nodes = new ArrayList<>();
        Map<String, List<String>> paths = new HashMap<>();
        String root = KernelFixture.step(kernel, Kernel.INITIAL_STATE, ROOT);
        nodes.add(root);
        paths.put(root, List.of(ROOT));
        for (int i = 0; i < 30; i++) {
            String parent = nodes.get(random.nextInt(nodes.size()));
            String cell = randomCell(random);
            String child = KernelFixture.step(kernel, parent, cell);
            List<String> path = new ArrayList<>(paths.get(parent));
            path.add(cell);
            nodes.add(child);
            paths.put(child, path);
        }
        for (String node : nodes) {
            String replayed = KernelFixture.step(kernel, Kernel.INITIAL_STATE,
                    String.join("\n", paths.get(node)));
            assertEquals(canon(replayed), canon(node), () -> "path:\n" + String.join("\n---\n",
                    paths.get(node)));
        }
    }

    private static String randomCell(Random random) {
        int count = 1 + random.nextInt(3);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String statement = STATEMENTS[random.nextInt(STATEMENTS.length)];
            lines.add(statement.contains("%d") ? String.format(statement, random.nextInt(100))
                    : statement.replace("%%", "%"));
        }
        return String.join("\n", lines);
    }

    private static String canon(String state) {
        return KernelFixture.run(kernel, state, CANON).streamText("stdout");
    }
}
