package dev.forkbook.kernel.jython;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import dev.forkbook.kernel.StateDiff;
import dev.forkbook.kernel.StateDiff.Change;
import dev.forkbook.kernel.StateDiff.DetailKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.python.core.BaseSet;
import org.python.core.PyCell;
import org.python.core.PyComplex;
import org.python.core.PyDictionary;
import org.python.core.PyFloat;
import org.python.core.PyFrozenSet;
import org.python.core.PyFunction;
import org.python.core.PyInstance;
import org.python.core.PyInteger;
import org.python.core.PyList;
import org.python.core.PyLong;
import org.python.core.PyMethod;
import org.python.core.PyObject;
import org.python.core.PySet;
import org.python.core.PyString;
import org.python.core.PyStringMap;
import org.python.core.PyTuple;
import org.python.core.PyUnicode;

/**
 * Compares two snapshots variable by variable, without running user code on their frozen objects.
 *
 * <p>A variable whose value is the very same object in both snapshots (structural sharing: the child
 * never touched it) is equal without looking inside; inside values, identical objects are skipped the
 * same way, so a 1M-element list with one changed element costs one pass of identity checks and one
 * comparison. Built-in values are compared in Java, instances and functions attribute by attribute (a
 * user {@code __eq__} is never called), and anything else by the reprs of copies ({@code reprOfCopy}).
 * Rows are counted in full but rendered only for the requested page.
 *
 * <p>Not thread-safe: one differ per diff.
 */
final class StateDiffer {

    /** Nesting below this is reported as changed rather than walked further. */
    private static final int MAX_DEPTH = 500;
    /** Characters of a row's repr. */
    private static final int ROW_REPR = 200;
    /** Characters of a changed variable's own repr. */
    private static final int VALUE_REPR = 1000;
    /** Characters of a repr that is line-diffed. */
    private static final int TEXT_REPR = 100_000;
    /** Middles of unequal-length sequences up to this size are aligned (Myers), not by position. */
    private static final int ALIGN_LIMIT = 500;

    private final Function<PyObject, String> reprOfCopy;
    private final Set<Pair> inProgress = new HashSet<>();
    private long comparisons;

    /**
     * @param reprOfCopy the capped repr of a copy of a frozen non-built-in value (runs user code, so
     *     the caller copies first and runs it where user code may run); null to run no user code at
     *     all, for equality checks only
     */
    StateDiffer(Function<PyObject, String> reprOfCopy) {
        this.reprOfCopy = reprOfCopy;
    }

    /** Compares {@code b} with {@code a}; only {@code variable} when not null. */
    StateDiff diff(String aName, Snapshot a, String bName, Snapshot b, String variable, int offset,
            int limit) {
        Set<String> names = new TreeSet<>(a.names());
        names.addAll(b.names());
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> sameObject = new ArrayList<>();
        Map<String, StateDiff.VariableChange> changed = new LinkedHashMap<>();
        for (String name : names) {
            if (variable != null && !variable.equals(name)) {
                continue;
            }
            if (!b.contains(name)) {
                removed.add(name);
            } else if (!a.contains(name)) {
                added.add(name);
            } else {
                PyObject va = a.frozenValue(name);
                PyObject vb = b.frozenValue(name);
                if (va == vb) {
                    unchanged.add(name);
                    sameObject.add(name);
                    continue;
                }
                Rows rows = new Rows(offset, limit);
                if (compare(va, vb, "", rows, 0)) {
                    unchanged.add(name);
                } else {
                    changed.put(name, change(va, vb, rows, offset, limit));
                }
            }
        }
        return new StateDiff(aName, bName, added, removed, changed, unchanged, sameObject,
                comparisons);
    }

    /** Whether two frozen values are equal, by the same rules as {@link #diff}. */
    boolean sameValue(PyObject a, PyObject b) {
        return compare(a, b, "", Rows.QUIET, 0);
    }

    long comparisons() {
        return comparisons;
    }

    private StateDiff.VariableChange change(PyObject a, PyObject b, Rows rows, int offset,
            int limit) {
        DetailKind kind = kindOf(a, b);
        StateDiff.Detail detail;
        if (kind == DetailKind.TEXT) {
            detail = textDiff(a, b, offset, limit);
        } else {
            detail = new StateDiff.Detail(kind, rows.total, offset, rows.page);
        }
        return new StateDiff.VariableChange(a.getType().fastGetName(), repr(a, VALUE_REPR),
                b.getType().fastGetName(), repr(b, VALUE_REPR), detail);
    }

    private static DetailKind kindOf(PyObject a, PyObject b) {
        if (a.getType() != b.getType()) {
            return DetailKind.TYPE;
        }
        if (a instanceof PyList || a instanceof PyTuple) {
            return DetailKind.ELEMENTS;
        }
        if (a instanceof PyDictionary || a instanceof PyStringMap) {
            return DetailKind.KEYS;
        }
        if (a instanceof BaseSet) {
            return DetailKind.MEMBERS;
        }
        if (isInstance(a)) {
            return DetailKind.ATTRIBUTES;
        }
        return DetailKind.TEXT;
    }

    // ---- comparison ------------------------------------------------------------------------------

    private boolean compare(PyObject a, PyObject b, String path, Rows rows, int depth) {
        if (a == b) {
            return true;
        }
        comparisons++;
        if (a == null || b == null || a.getType() != b.getType()) {
            rows.changed(path, a, b, this);
            return false;
        }
        if (ObjectKinds.isImmutable(a)) {
            boolean equal = immutableEquals(a, b);
            if (!equal) {
                rows.changed(path, a, b, this);
            }
            return equal;
        }
        if (depth > MAX_DEPTH) {
            rows.changed(path, a, b, this);
            return false;
        }
        Pair pair = new Pair(a, b);
        if (!inProgress.add(pair)) {
            return true; // a cycle: equal unless something else on the way differs
        }
        try {
            return compareContents(a, b, path, rows, depth + 1);
        } finally {
            inProgress.remove(pair);
        }
    }

    private boolean compareContents(PyObject a, PyObject b, String path, Rows rows, int depth) {
        boolean equal;
        if (a instanceof PyList || a instanceof PyTuple) {
            equal = compareSequences(elements(a), elements(b), path, rows, depth);
        } else if (a instanceof PyDictionary || a instanceof PyStringMap) {
            equal = compareMaps(mapOf(a), mapOf(b), path, false, rows, depth);
        } else if (a instanceof BaseSet setA) {
            equal = compareSets(setA.getSet(), ((BaseSet) b).getSet(), path, rows);
        } else if (a instanceof PyFunction fa) {
            return compareFunctions(fa, (PyFunction) b, path, rows, depth);
        } else if (a instanceof PyMethod ma) {
            PyMethod mb = (PyMethod) b;
            boolean same = compare(ma.__func__, mb.__func__, path + ".__func__", Rows.QUIET, depth)
                    && compare(ma.__self__, mb.__self__, path + ".__self__", Rows.QUIET, depth);
            return reportWhole(same, path, a, b, rows);
        } else if (a instanceof PyCell ca) {
            return compare(ca.ob_ref, ((PyCell) b).ob_ref, path, rows, depth);
        } else if (isInstance(a)) {
            if (a instanceof PyInstance ia && ia.instclass != ((PyInstance) b).instclass) {
                return reportWhole(false, path, a, b, rows);
            }
            return compareMaps(mapOf(dictOf(a)), mapOf(dictOf(b)), path, true, rows, depth);
        } else if (ObjectKinds.isSingletonByDesign(a) || ObjectKinds.isUncopyable(a)) {
            return reportWhole(false, path, a, b, rows); // kept by reference: distinct means different
        } else {
            // Copied the Python way (custom __deepcopy__, __slots__...): equal when the reprs of copies
            // are; without a repr function (provenance), distinct objects count as different.
            boolean same = reprOfCopy != null && reprOfCopy.apply(a).equals(reprOfCopy.apply(b));
            return reportWhole(same, path, a, b, rows);
        }
        // Subclasses of built-in containers may carry attributes as well.
        PyObject dictA = a.fastGetDict();
        if (dictA != null && (equal || !rows.quiet())) {
            PyObject dictB = b.fastGetDict();
            boolean sameAttributes = dictB != null
                    && compareMaps(mapOf(dictA), mapOf(dictB), path, true, rows, depth);
            equal &= sameAttributes;
        }
        return equal;
    }

    private boolean reportWhole(boolean same, String path, PyObject a, PyObject b, Rows rows) {
        if (!same) {
            rows.changed(path, a, b, this);
        }
        return same;
    }

    private boolean compareFunctions(PyFunction a, PyFunction b, String path, Rows rows, int depth) {
        boolean same = a.__code__ == b.__code__ && a.__globals__ == b.__globals__
                && compareSequences(Arrays.asList(orEmpty(a.__defaults__)),
                        Arrays.asList(orEmpty(b.__defaults__)), path, Rows.QUIET, depth)
                && compareOptional(a.__closure__, b.__closure__, depth)
                && compareOptional(a.__dict__, b.__dict__, depth);
        return reportWhole(same, path, a, b, rows);
    }

    private boolean compareOptional(PyObject a, PyObject b, int depth) {
        if (a == null || b == null) {
            return a == b;
        }
        return compare(a, b, "", Rows.QUIET, depth);
    }

    private static PyObject[] orEmpty(PyObject[] values) {
        return values == null ? new PyObject[0] : values;
    }

    private boolean compareSequences(List<PyObject> a, List<PyObject> b, String path, Rows rows, int depth) {
        if (a.size() == b.size()) {
            boolean equal = true;
            for (int i = 0; i < a.size(); i++) {
                PyObject left = a.get(i);
                PyObject right = b.get(i);
                if (left != right && !compare(left, right, path + "[" + i + "]", rows, depth)) {
                    equal = false;
                    if (rows.quiet()) {
                        return false;
                    }
                }
            }
            return equal;
        }
        if (rows.quiet()) {
            return false;
        }
        // Different lengths: keep the common prefix and suffix, align the middle if it is small.
        int prefix = 0;
        int shorter = Math.min(a.size(), b.size());
        while (prefix < shorter && equalItems(a.get(prefix), b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < shorter - prefix
                && equalItems(a.get(a.size() - 1 - suffix), b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        int aEnd = a.size() - suffix;
        int bEnd = b.size() - suffix;
        if (aEnd - prefix <= ALIGN_LIMIT && bEnd - prefix <= ALIGN_LIMIT) {
            alignMiddle(a, b, prefix, aEnd, bEnd, path, rows, depth);
        } else {
            int common = Math.min(aEnd, bEnd);
            for (int i = prefix; i < common; i++) {
                compare(a.get(i), b.get(i), path + "[" + i + "]", rows, depth);
            }
            for (int i = common; i < aEnd; i++) {
                rows.removed(path + "[" + i + "]", a.get(i), this);
            }
            for (int i = common; i < bEnd; i++) {
                rows.added(path + "[" + i + "]", b.get(i), this);
            }
        }
        return false;
    }

    /** Aligns the differing middles of two sequences on equal elements, as a line diff would. */
    private void alignMiddle(List<PyObject> a, List<PyObject> b, int start, int aEnd, int bEnd, String path,
            Rows rows, int depth) {
        List<Element> left = new ArrayList<>();
        for (int i = start; i < aEnd; i++) {
            left.add(new Element(a.get(i)));
        }
        List<Element> right = new ArrayList<>();
        for (int i = start; i < bEnd; i++) {
            right.add(new Element(b.get(i)));
        }
        List<AbstractDelta<Element>> deltas = DiffUtils.diff(left, right,
                (x, y) -> equalItems(x.value, y.value)).getDeltas();
        for (AbstractDelta<Element> delta : deltas) {
            int aAt = start + delta.getSource().getPosition();
            int bAt = start + delta.getTarget().getPosition();
            int aCount = delta.getSource().size();
            int bCount = delta.getTarget().size();
            int paired = Math.min(aCount, bCount);
            for (int i = 0; i < paired; i++) {
                compare(a.get(aAt + i), b.get(bAt + i), path + "[" + (bAt + i) + "]", rows,
                        depth);
            }
            for (int i = paired; i < aCount; i++) {
                rows.removed(path + "[" + (aAt + i) + "]", a.get(aAt + i), this);
            }
            for (int i = paired; i < bCount; i++) {
                rows.added(path + "[" + (bAt + i) + "]", b.get(bAt + i), this);
            }
        }
    }

    private boolean equalItems(PyObject a, PyObject b) {
        return a == b || sameValue(a, b);
    }

    /** A sequence element for the aligner: equality is decided by the aligner's predicate only. */
    private record Element(PyObject value) {
    }

    private boolean compareMaps(Map<Object, PyObject> a, Map<Object, PyObject> b, String path,
            boolean attributes, Rows rows, int depth) {
        boolean equal = true;
        for (Map.Entry<Object, PyObject> entry : a.entrySet()) {
            Object key = entry.getKey();
            PyObject other = lookup(b, key);
            String at = path + keyPath(key, attributes);
            if (other == null) {
                rows.removed(at, entry.getValue(), this);
                equal = false;
            } else if (!compare(entry.getValue(), other, at, rows, depth)) {
                equal = false;
            }
            if (!equal && rows.quiet()) {
                return false;
            }
        }
        for (Map.Entry<Object, PyObject> entry : b.entrySet()) {
            if (lookup(a, entry.getKey()) == null) {
                rows.added(path + keyPath(entry.getKey(), attributes), entry.getValue(), this);
                equal = false;
                if (rows.quiet()) {
                    return false;
                }
            }
        }
        return equal;
    }

    private boolean compareSets(Set<PyObject> a, Set<PyObject> b, String path, Rows rows) {
        boolean equal = true;
        for (PyObject member : a) {
            if (!containsMember(b, member)) {
                rows.removed(rows.rendersNext() ? path + "{" + repr(member, ROW_REPR) + "}" : path,
                        member, this);
                equal = false;
                if (rows.quiet()) {
                    return false;
                }
            }
        }
        for (PyObject member : b) {
            if (!containsMember(a, member)) {
                rows.added(rows.rendersNext() ? path + "{" + repr(member, ROW_REPR) + "}" : path,
                        member, this);
                equal = false;
                if (rows.quiet()) {
                    return false;
                }
            }
        }
        return equal;
    }

    /**
     * Looks a key up without running user {@code __hash__}/{@code __eq__}: built-in keys by value
     * (their hashing is Java code), any other key by identity.
     */
    private static PyObject lookup(Map<Object, PyObject> map, Object key) {
        if (isBuiltinKey(key)) {
            return map.get(key);
        }
        for (Map.Entry<Object, PyObject> entry : map.entrySet()) {
            if (entry.getKey() == key) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static boolean containsMember(Set<PyObject> set, PyObject member) {
        if (isBuiltinKey(member)) {
            return set.contains(member);
        }
        for (PyObject candidate : set) {
            if (candidate == member) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBuiltinKey(Object key) {
        if (key instanceof String) {
            return true;
        }
        if (!(key instanceof PyObject value)) {
            return false;
        }
        if (ObjectKinds.isImmutable(value)) {
            return true;
        }
        if (value.getClass() == PyTuple.class) {
            return Arrays.stream(((PyTuple) value).getArray()).allMatch(StateDiffer::isBuiltinKey);
        }
        if (value.getClass() == PyFrozenSet.class) {
            return ((PyFrozenSet) value).getSet().stream().allMatch(StateDiffer::isBuiltinKey);
        }
        return false;
    }

    private static boolean immutableEquals(PyObject a, PyObject b) {
        if (a instanceof PyString sa) {
            return sa.getString().equals(((PyString) b).getString()); // also PyUnicode
        }
        if (a instanceof PyInteger ia) {
            return ia.getValue() == ((PyInteger) b).getValue(); // also PyBoolean
        }
        if (a instanceof PyLong la) {
            return la.getValue().equals(((PyLong) b).getValue());
        }
        if (a instanceof PyFloat fa) {
            return fa.getValue() == ((PyFloat) b).getValue();
        }
        if (a instanceof PyComplex ca) {
            PyComplex cb = (PyComplex) b;
            return ca.real == cb.real && ca.imag == cb.imag;
        }
        return a.__repr__().toString().equals(b.__repr__().toString()); // xrange: built-in repr
    }

    /** The items of a list or tuple, without copying a frozen list's array. */
    private static List<PyObject> elements(PyObject sequence) {
        return sequence instanceof PyList list ? FrozenLists.items(list)
                : Arrays.asList(((PyTuple) sequence).getArray());
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, PyObject> mapOf(PyObject dict) {
        if (dict instanceof PyStringMap stringMap) {
            return stringMap.getMap();
        }
        if (dict instanceof PyDictionary dictionary) {
            return (Map<Object, PyObject>) (Map<?, ?>) dictionary.getMap();
        }
        return Map.of();
    }

    private static PyObject dictOf(PyObject instance) {
        return instance instanceof PyInstance old ? old.__dict__ : instance.fastGetDict();
    }

    /** An instance of a Python class whose state is its {@code __dict__}. */
    private static boolean isInstance(PyObject value) {
        if (value instanceof PyInstance) {
            return true;
        }
        return value.fastGetDict() != null && !(value instanceof PyFunction)
                && !ObjectKinds.isSingletonByDesign(value) && !ObjectKinds.isUncopyable(value)
                && !(value instanceof PyList) && !(value instanceof PyTuple)
                && !(value instanceof PyDictionary) && !(value instanceof BaseSet);
    }

    private String keyPath(Object key, boolean attribute) {
        if (attribute) {
            return "." + (key instanceof PyObject value ? value.toString() : key);
        }
        if (key instanceof String name) {
            return "[" + new PyString(name).__repr__() + "]";
        }
        return "[" + repr((PyObject) key, ROW_REPR) + "]";
    }

    // ---- reprs ----------------------------------------------------------------------------------

    /** A repr of at most about {@code budget} characters; built-ins are rendered in Java, lazily. */
    String repr(PyObject value, int budget) {
        StringBuilder text = new StringBuilder();
        appendRepr(value, text, budget, 0);
        if (text.length() > budget) {
            text.setLength(budget);
            text.append("...");
        }
        return text.toString();
    }

    private void appendRepr(PyObject value, StringBuilder text, int budget, int depth) {
        if (text.length() > budget) {
            return;
        }
        if (value == null) {
            text.append("<NULL>");
            return;
        }
        Class<?> kind = value.getClass();
        if (kind == PyString.class || kind == PyUnicode.class) {
            String string = ((PyString) value).getString();
            int room = Math.max(0, budget - text.length()) + 1;
            PyString cut = kind == PyUnicode.class
                    ? new PyUnicode(string.length() > room ? string.substring(0, room) : string)
                    : new PyString(string.length() > room ? string.substring(0, room) : string);
            text.append(cut.__repr__());
        } else if (ObjectKinds.isImmutable(value)) {
            text.append(value.__repr__());
        } else if (depth > 20) {
            text.append("...");
        } else if (kind == PyList.class) {
            // Item by item: no copy of a long list's array for the few items that fit.
            PyList list = (PyList) value;
            text.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (text.length() > budget) {
                    text.append("...");
                    break;
                }
                text.append(i > 0 ? ", " : "");
                appendRepr(list.pyget(i), text, budget, depth + 1);
            }
            text.append(']');
        } else if (kind == PyTuple.class) {
            List<PyObject> items = elements(value);
            text.append('(');
            appendItems(items, text, budget, depth);
            text.append(items.size() == 1 ? ",)" : ")");
        } else if (kind == PyDictionary.class) {
            text.append('{');
            boolean first = true;
            for (Map.Entry<PyObject, PyObject> entry : ((PyDictionary) value).getMap().entrySet()) {
                if (text.length() > budget) {
                    text.append("...");
                    break;
                }
                text.append(first ? "" : ", ");
                first = false;
                appendRepr(entry.getKey(), text, budget, depth + 1);
                text.append(": ");
                appendRepr(entry.getValue(), text, budget, depth + 1);
            }
            text.append('}');
        } else if (kind == PySet.class || kind == PyFrozenSet.class) {
            text.append(kind == PySet.class ? "set([" : "frozenset([");
            appendItems(new ArrayList<>(((BaseSet) value).getSet()), text, budget, depth);
            text.append("])");
        } else {
            text.append(reprOfCopy != null ? reprOfCopy.apply(value)
                    : "<" + value.getType().fastGetName() + " object>");
        }
    }

    private void appendItems(List<PyObject> items, StringBuilder text, int budget, int depth) {
        for (int i = 0; i < items.size(); i++) {
            if (text.length() > budget) {
                text.append("...");
                return;
            }
            if (i > 0) {
                text.append(", ");
            }
            appendRepr(items.get(i), text, budget, depth + 1);
        }
    }

    /** A line diff of two values' reprs (of the text itself for strings). */
    private StateDiff.Detail textDiff(PyObject a, PyObject b, int offset, int limit) {
        List<String> left = lines(a);
        List<String> right = lines(b);
        Rows rows = new Rows(offset, limit);
        for (AbstractDelta<String> delta : DiffUtils.diff(left, right).getDeltas()) {
            int aAt = delta.getSource().getPosition();
            int bAt = delta.getTarget().getPosition();
            List<String> aLines = delta.getSource().getLines();
            List<String> bLines = delta.getTarget().getLines();
            int paired = Math.min(aLines.size(), bLines.size());
            for (int i = 0; i < paired; i++) {
                rows.text("line " + (bAt + i + 1), Change.CHANGED, aLines.get(i), bLines.get(i));
            }
            for (int i = paired; i < aLines.size(); i++) {
                rows.text("line " + (aAt + i + 1), Change.REMOVED, aLines.get(i), null);
            }
            for (int i = paired; i < bLines.size(); i++) {
                rows.text("line " + (bAt + i + 1), Change.ADDED, null, bLines.get(i));
            }
        }
        return new StateDiff.Detail(DetailKind.TEXT, rows.total, offset, rows.page);
    }

    private List<String> lines(PyObject value) {
        String text = value instanceof PyString string ? string.getString() : repr(value, TEXT_REPR);
        if (text.length() > TEXT_REPR) {
            text = text.substring(0, TEXT_REPR) + "...";
        }
        return Arrays.asList(text.split("\n", -1));
    }

    /** Identity pair of objects being compared (to stop at cycles). */
    private record Pair(PyObject a, PyObject b) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Pair pair && pair.a == a && pair.b == b;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(a) * 31 + System.identityHashCode(b);
        }
    }

    /** Where rows go: counted in full, rendered only inside the page; or nowhere ({@link #QUIET}). */
    private static final class Rows {

        static final Rows QUIET = new Rows(0, 0);

        private final int offset;
        private final int limit;
        private final List<StateDiff.Row> page = new ArrayList<>();
        private int total;

        Rows(int offset, int limit) {
            this.offset = offset;
            this.limit = limit;
        }

        boolean quiet() {
            return this == QUIET;
        }

        private boolean inPage() {
            return total >= offset && total < offset + limit;
        }

        /** Whether the next row will be rendered (so its path is worth building). */
        boolean rendersNext() {
            return !quiet() && inPage();
        }

        void changed(String path, PyObject a, PyObject b, StateDiffer differ) {
            if (quiet()) {
                return;
            }
            if (inPage()) {
                page.add(new StateDiff.Row(path, Change.CHANGED, differ.repr(a, ROW_REPR),
                        differ.repr(b, ROW_REPR)));
            }
            total++;
        }

        void added(String path, PyObject b, StateDiffer differ) {
            if (quiet()) {
                return;
            }
            if (inPage()) {
                page.add(new StateDiff.Row(path, Change.ADDED, null, differ.repr(b, ROW_REPR)));
            }
            total++;
        }

        void removed(String path, PyObject a, StateDiffer differ) {
            if (quiet()) {
                return;
            }
            if (inPage()) {
                page.add(new StateDiff.Row(path, Change.REMOVED, differ.repr(a, ROW_REPR), null));
            }
            total++;
        }

        void text(String path, Change change, String a, String b) {
            if (inPage()) {
                page.add(new StateDiff.Row(path, change, a, b));
            }
            total++;
        }
    }
}
