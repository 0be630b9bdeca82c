package dev.forkbook.kernel.jython;

import java.util.concurrent.ConcurrentHashMap;
import org.python.core.PyString;

/**
 * One canonical {@link PyString} per variable name, used as the key wherever a namespace stores or
 * looks up a name. A hash map compares keys by identity before calling {@code equals}, and a
 * PyString's {@code equals} is Python equality (a method dispatch); with canonical keys every global
 * lookup of cell code is found by identity. Measured by {@code forkbook bench --python}.
 */
final class NameKeys {

    /** More distinct names than this get fresh keys (still correct, just slower). */
    private static final int MAX_KEYS = 100_000;
    private static final ConcurrentHashMap<String, PyString> KEYS = new ConcurrentHashMap<>();
    /**
     * A direct-mapped cache in front of {@link #KEYS}, hit by the very String instance a compiled
     * name constant is: cheaper than the concurrent map's volatile reads. Entries are immutable, so
     * racy reads and writes are safe (at worst a miss).
     */
    private static final Entry[] RECENT = new Entry[1024];

    private record Entry(String name, PyString key) {
    }

    private NameKeys() {
    }

    static PyString of(String name) {
        int slot = name.hashCode() & (RECENT.length - 1);
        Entry recent = RECENT[slot];
        if (recent != null && recent.name == name) {
            return recent.key;
        }
        PyString key = KEYS.get(name);
        if (key != null) {
            RECENT[slot] = new Entry(name, key);
            return key;
        }
        key = new PyString(name);
        if (KEYS.size() < MAX_KEYS) {
            PyString raced = KEYS.putIfAbsent(name, key);
            return raced != null ? raced : key;
        }
        return key;
    }
}
