package dev.forkbook.kernel.jython;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.python.core.PyCell;
import org.python.core.PyDictionary;
import org.python.core.PyDictionaryDerived;
import org.python.core.PyException;
import org.python.core.PyFrozenSet;
import org.python.core.PyFunction;
import org.python.core.PyInstance;
import org.python.core.PyList;
import org.python.core.PyMethod;
import org.python.core.PyObject;
import org.python.core.PyObjectDerived;
import org.python.core.PySet;
import org.python.core.PyStringMap;
import org.python.core.PyTuple;
import org.python.modules._collections.PyDefaultDict;
import org.python.modules._collections.PyDeque;

/**
 * Deep-copies Python object graphs in Java, the way {@code copy.deepcopy} would but without its costs.
 *
 * <p>One copier is one identity memo: every root copied through it shares that memo, so two variables
 * that referred to the same object still do after the copy. Immutable values are shared, not copied
 * ({@link ObjectKinds}); objects that cannot be copied are kept by reference and their roots are
 * reported by {@link #sharedRoots()}. The walk is iterative (shell first, fill later), so a 100k-deep
 * structure does not overflow the stack.
 *
 * <p>While copying it also records which roots reach a common object: {@link #groups()} returns those
 * classes, which {@link ExecutionNamespace} uses to copy variables lazily without losing aliasing.
 */
final class SnapshotCopier {

    private final PyObject deepcopyFunction;
    private PythonDeepCopy fallback;
    private final IdentityHashMap<PyObject, Copied> memo = new IdentityHashMap<>();
    private final Deque<Runnable> fills = new ArrayDeque<>();
    private final List<Runnable> hashedInserts = new ArrayList<>();
    private final List<String> roots = new ArrayList<>();
    private final List<Integer> unionParent = new ArrayList<>();
    private final Set<Integer> sharedRootIds = new java.util.HashSet<>();
    private int currentRoot = -1;
    private long rootBytes;
    private final Set<PyObject> countedStrings =
            java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    /** Estimated object sizes (compressed references, 8-byte alignment), for memory accounting. */
    private static final int HEADER = 16;
    private static final int REF = 4;
    private static final int BIG_STRING = 1024;

    /** The copy of one object and the first root through which it was reached. */
    private record Copied(PyObject copy, int root) {
    }

    /** @param deepcopyFunction Python's {@code copy.deepcopy}, for objects copied the Python way */
    SnapshotCopier(PyObject deepcopyFunction) {
        this.deepcopyFunction = deepcopyFunction;
    }

    /** Copies the value of the variable {@code name}; aliasing with earlier roots is preserved. */
    PyObject copyRoot(String name, PyObject value) {
        currentRoot = roots.size();
        roots.add(name);
        unionParent.add(currentRoot);
        rootBytes = 0;
        PyObject copy = resolve(value);
        while (!fills.isEmpty()) {
            fills.pop().run();
        }
        // Hash-based containers get their non-trivial keys only now, when those keys are complete.
        for (Runnable insert : hashedInserts) {
            insert.run();
        }
        hashedInserts.clear();
        return copy;
    }

    /**
     * Estimated bytes of the objects the last {@link #copyRoot} created: the copies themselves and
     * the large strings it reached (small immutables are shared between states and not counted).
     */
    long lastRootBytes() {
        return rootBytes;
    }

    /** Names of the roots whose values reached at least one object that could not be copied. */
    Set<String> sharedRoots() {
        Set<String> names = new TreeSet<>();
        for (int id : sharedRootIds) {
            names.add(roots.get(id));
        }
        return names;
    }

    /**
     * Roots that share structure, as a map from each such root to all members of its class. Roots
     * that share nothing with another root are absent.
     */
    Map<String, List<String>> groups() {
        Map<Integer, List<String>> byRepresentative = new HashMap<>();
        for (int i = 0; i < roots.size(); i++) {
            byRepresentative.computeIfAbsent(find(i), k -> new ArrayList<>()).add(roots.get(i));
        }
        Map<String, List<String>> groups = new HashMap<>();
        for (List<String> members : byRepresentative.values()) {
            if (members.size() > 1) {
                List<String> frozen = List.copyOf(members);
                for (String member : frozen) {
                    groups.put(member, frozen);
                }
            }
        }
        return groups;
    }

    private int find(int id) {
        int root = id;
        while (unionParent.get(root) != root) {
            root = unionParent.get(root);
        }
        while (unionParent.get(id) != root) {
            int next = unionParent.get(id);
            unionParent.set(id, root);
            id = next;
        }
        return root;
    }

    private void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra != rb) {
            unionParent.set(Math.max(ra, rb), Math.min(ra, rb));
        }
    }

    /**
     * Returns the copy of {@code original}: itself when it is immutable or uncopyable, an existing copy
     * from the memo, or a new shell whose contents are filled later. Never recurses into contents.
     */
    private PyObject resolve(PyObject original) {
        if (original == null) {
            return null;
        }
        if (ObjectKinds.isImmutable(original)) {
            if (original instanceof org.python.core.PyString string
                    && string.getString().length() >= BIG_STRING && countedStrings.add(original)) {
                rootBytes += HEADER * 3L + string.getString().length();
            }
            return original;
        }
        Copied known = memo.get(original);
        if (known != null) {
            if (known.root != currentRoot) {
                union(known.root, currentRoot);
            }
            return known.copy;
        }
        if (ObjectKinds.isSingletonByDesign(original)) {
            return original;
        }
        if (ObjectKinds.isUncopyable(original)) {
            sharedRootIds.add(currentRoot);
            remember(original, original);
            return original;
        }
        Class<?> kind = original.getClass();
        if (kind == PyList.class) {
            return copyList((PyList) original);
        } else if (kind == PyDictionary.class) {
            return copyDict((PyDictionary) original);
        } else if (kind == PyStringMap.class) {
            return copyStringMap((PyStringMap) original);
        } else if (kind == PyTuple.class) {
            return copyTuple((PyTuple) original);
        } else if (kind == PySet.class) {
            // Sized for its elements up front: growing a large set element by element rehashes.
            PySet shell = new PySet(java.util.Collections.newSetFromMap(
                    new java.util.concurrent.ConcurrentHashMap<>(((PySet) original).getSet().size())),
                    null);
            return copySet(original, shell, shell.getSet());
        } else if (kind == PyFrozenSet.class && allImmutable(((PyFrozenSet) original).getSet())) {
            return original;
        } else if (kind == PyFrozenSet.class) {
            PyFrozenSet shell = new PyFrozenSet();
            return copySet(original, shell, shell.getSet());
        } else if (kind == PyCell.class) {
            return copyCell((PyCell) original);
        } else if (kind == PyFunction.class) {
            return copyFunction((PyFunction) original);
        } else if (kind == PyMethod.class) {
            return copyMethod((PyMethod) original);
        } else if (kind == PyObjectDerived.class && ObjectKinds.hasPlainInstanceDict(original)) {
            return copyInstance(original);
        } else if (kind == PyInstance.class) {
            return copyOldStyleInstance((PyInstance) original);
        } else if (kind == PyDictionaryDerived.class
                && ObjectKinds.isStructuralDictSubclass(original.getType())) {
            return copyDictSubclass((PyDictionaryDerived) original);
        } else if (kind == PyDefaultDict.class) {
            return copyDefaultDict((PyDefaultDict) original);
        } else if (kind == PyDeque.class) {
            return copyDeque((PyDeque) original);
        }
        return copyThroughPython(original);
    }

    private PyObject remember(PyObject original, PyObject copy) {
        memo.put(original, new Copied(copy, currentRoot));
        rootBytes += shallowSize(original);
        return copy;
    }

    private static long shallowSize(PyObject object) {
        if (object instanceof PyList list) {
            return HEADER * 4L + (long) REF * list.size();
        } else if (object instanceof PyTuple tuple) {
            return HEADER * 2L + (long) REF * tuple.size();
        } else if (object instanceof PyDictionary dict) {
            return HEADER * 4L + 40L * dict.getMap().size();
        } else if (object instanceof PyStringMap map) {
            return HEADER * 4L + 40L * map.getMap().size();
        } else if (object instanceof org.python.core.BaseSet set) {
            return HEADER * 4L + 40L * set.getSet().size();
        }
        return HEADER * 4L;
    }

    private PyObject copyList(PyList original) {
        List<PyObject> items = new ArrayList<>(original.size());
        PyList shell = PyList.fromList(items);
        remember(original, shell);
        fills.push(() -> {
            for (PyObject item : original.getArray()) {
                items.add(resolve(item));
            }
        });
        return shell;
    }

    private PyObject copyDict(PyDictionary original) {
        PyDictionary shell = new PyDictionary(PyDictionary.TYPE, original.getMap().size());
        remember(original, shell);
        fills.push(() -> {
            Map<PyObject, PyObject> target = shell.getMap();
            for (Map.Entry<PyObject, PyObject> entry : original.getMap().entrySet()) {
                putHashed(target, entry.getKey(), resolve(entry.getValue()));
            }
        });
        return shell;
    }

    /** {@code Counter}, {@code OrderedDict} and plain dict subclasses: items and attributes. */
    private PyObject copyDictSubclass(PyDictionaryDerived original) {
        PyDictionaryDerived shell = new PyDictionaryDerived(original.getType());
        remember(original, shell);
        fills.push(() -> {
            Map<PyObject, PyObject> target = shell.getMap();
            for (Map.Entry<PyObject, PyObject> entry : original.getMap().entrySet()) {
                putHashed(target, entry.getKey(), resolve(entry.getValue()));
            }
            if (original.fastGetDict() != null) {
                shell.setDict(resolve(original.fastGetDict()));
            }
        });
        return shell;
    }

    private PyObject copyDefaultDict(PyDefaultDict original) {
        PyDefaultDict shell = new PyDefaultDict(original.getType());
        remember(original, shell);
        fills.push(() -> {
            shell.setDefaultFactory(resolve(original.getDefaultFactory()));
            Map<PyObject, PyObject> target = shell.getMap();
            for (Map.Entry<PyObject, PyObject> entry : original.getMap().entrySet()) {
                putHashed(target, entry.getKey(), resolve(entry.getValue()));
            }
        });
        return shell;
    }

    private PyObject copyDeque(PyDeque original) {
        PyDeque shell = new PyDeque(original.getType());
        shell.deque___init__(new PyObject[] {original.getMaxlen()}, new String[] {"maxlen"});
        remember(original, shell);
        fills.push(() -> {
            for (PyObject item : original.asIterable()) {
                shell.deque_append(resolve(item));
            }
        });
        return shell;
    }

    private void putHashed(Map<PyObject, PyObject> target, PyObject key, PyObject value) {
        if (ObjectKinds.isImmutable(key)) {
            target.put(key, value);
        } else {
            PyObject keyCopy = resolve(key);
            hashedInserts.add(() -> target.put(keyCopy, value));
        }
    }

    private PyObject copyStringMap(PyStringMap original) {
        PyStringMap shell = new PyStringMap();
        remember(original, shell);
        fills.push(() -> {
            Map<Object, PyObject> target = shell.getMap();
            for (Map.Entry<Object, PyObject> entry : original.getMap().entrySet()) {
                Object key = entry.getKey();
                PyObject value = resolve(entry.getValue());
                if (key instanceof String || ObjectKinds.isImmutable((PyObject) key)) {
                    target.put(key, value);
                } else {
                    PyObject keyCopy = resolve((PyObject) key);
                    hashedInserts.add(() -> target.put(keyCopy, value));
                }
            }
        });
        return shell;
    }

    /** Tuples and frozensets holding only immutable values are immutable: shared, not copied. */
    private static boolean allImmutable(Iterable<PyObject> items) {
        for (PyObject item : items) {
            if (!ObjectKinds.isImmutable(item)) {
                return false;
            }
        }
        return true;
    }

    private PyObject copyTuple(PyTuple original) {
        PyObject[] items = original.getArray();
        if (allImmutable(java.util.Arrays.asList(items))) {
            return original;
        }
        PyObject[] copies = new PyObject[items.length];
        PyTuple shell = new PyTuple(copies, false);
        remember(original, shell);
        fills.push(() -> {
            for (int i = 0; i < items.length; i++) {
                copies[i] = resolve(items[i]);
            }
        });
        return shell;
    }

    private PyObject copySet(PyObject original, PyObject shell, Set<PyObject> target) {
        remember(original, shell);
        fills.push(() -> {
            for (PyObject element : ((org.python.core.BaseSet) original).getSet()) {
                if (ObjectKinds.isImmutable(element)) {
                    target.add(element);
                } else {
                    PyObject elementCopy = resolve(element);
                    hashedInserts.add(() -> target.add(elementCopy));
                }
            }
        });
        return shell;
    }

    private PyObject copyCell(PyCell original) {
        PyCell shell = new PyCell();
        remember(original, shell);
        fills.push(() -> shell.ob_ref = resolve(original.ob_ref));
        return shell;
    }

    private PyObject copyFunction(PyFunction original) {
        PyObject[] defaults = original.__defaults__ == null ? null : original.__defaults__.clone();
        PyObject[] cells = original.__closure__ == null
                ? null : ((PyTuple) original.__closure__).getArray().clone();
        PyFunction shell = new PyFunction(original.__globals__, defaults, original.__code__,
                original.__doc__, cells);
        shell.__name__ = original.__name__;
        shell.__module__ = original.__module__;
        remember(original, shell);
        fills.push(() -> {
            if (defaults != null) {
                for (int i = 0; i < defaults.length; i++) {
                    defaults[i] = resolve(defaults[i]);
                }
            }
            if (cells != null) {
                PyObject[] shellCells = ((PyTuple) shell.__closure__).getArray();
                for (int i = 0; i < cells.length; i++) {
                    shellCells[i] = resolve(cells[i]);
                }
            }
            if (original.__dict__ != null) {
                shell.__dict__ = resolve(original.__dict__);
            }
        });
        return shell;
    }

    private PyObject copyMethod(PyMethod original) {
        // A bound method's parts are resolved to shells right away; that recursion is one level deep.
        PyObject function = resolve(original.__func__);
        PyObject self = original.__self__ == null ? null : resolve(original.__self__);
        return remember(original, new PyMethod(function, self, original.im_class));
    }

    private PyObject copyInstance(PyObject original) {
        PyObjectDerived shell = new PyObjectDerived(original.getType());
        remember(original, shell);
        fills.push(() -> shell.setDict(resolve(original.fastGetDict())));
        return shell;
    }

    private PyObject copyOldStyleInstance(PyInstance original) {
        PyInstance shell = new PyInstance(original.instclass, null);
        remember(original, shell);
        fills.push(() -> shell.__dict__ = resolve(original.__dict__));
        return shell;
    }

    private PyObject copyThroughPython(PyObject original) {
        try {
            if (fallback == null) {
                fallback = new PythonDeepCopy(deepcopyFunction);
            }
            return remember(original, fallback.deepCopy(original));
        } catch (RuntimeException | StackOverflowError e) {
            if (e instanceof PyException python && python.match(org.python.core.Py.KeyboardInterrupt)) {
                throw python;
            }
            // Uncopyable after all (a Java resource, a native handle...): keep it by reference.
            sharedRootIds.add(currentRoot);
            return remember(original, original);
        }
    }
}
