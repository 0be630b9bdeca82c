package dev.forkbook.kernel.jython;

import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import org.python.core.Py;
import org.python.core.PyDictionary;
import org.python.core.PyObject;
import org.python.core.PyTuple;

/**
 * The one globals mapping of all cell code, and so of every function and class defined in cells.
 *
 * <p>Each access resolves to the namespace of the execution running on the current thread
 * ({@link ExecutionContext#current()}). A function defined while executing state A and called while
 * executing from B therefore reads and writes B's globals, exactly as if the path to B had been
 * replayed in one interpreter, with no rebinding of functions. Code that runs with no execution on its
 * thread (a Java callback after the cell ended) sees the kernel's detached namespace: empty at first and
 * never stored in any state.
 *
 * <p>Python-visible dict methods all go through {@link #getMap()}; the few {@link PyDictionary} methods
 * that touch its private map directly are overridden.
 */
final class ContextualGlobals extends PyDictionary {

    private final ExecutionNamespace detached;

    ContextualGlobals(ExecutionNamespace detached) {
        this.detached = detached;
    }

    @Override
    public ConcurrentMap<PyObject, PyObject> getMap() {
        ExecutionContext context = ExecutionContext.current();
        return context != null ? context.namespace() : detached;
    }

    /*
     * The fast path of every global and module-level name lookup and store (PyFrame calls these with
     * the name as a Java String). PyObject's versions wrap the name in a new PyString each time, which
     * the namespace's hash map then compares with the stored key through Python equality; with
     * canonical keys (NameKeys) it finds the stored key by identity.
     */

    @Override
    public PyObject __finditem__(String name) {
        return getMap().get(NameKeys.of(name));
    }

    @Override
    public void __setitem__(String name, PyObject value) {
        getMap().put(NameKeys.of(name), value);
    }

    @Override
    public void __delitem__(String name) {
        __delitem__(NameKeys.of(name));
    }

    @Override
    public void merge(PyObject other, boolean override) {
        if (other instanceof PyDictionary dictionary) {
            dictionary.getMap().forEach((key, value) -> putIf(key, value, override));
        } else {
            mergeFromKeys(other, other.invoke("keys"), override);
        }
    }

    @Override
    public void mergeFromKeys(PyObject other, PyObject keys, boolean override) {
        for (PyObject key : keys.asIterable()) {
            putIf(key, other.__getitem__(key), override);
        }
    }

    @Override
    public void mergeFromSeq(PyObject other, boolean override) {
        for (PyObject item : other.asIterable()) {
            PyObject pair = PyTuple.fromIterable(item);
            if (pair.__len__() != 2) {
                throw Py.ValueError("dictionary update sequence element has length "
                        + pair.__len__() + "; 2 is required");
            }
            putIf(pair.__getitem__(0), pair.__getitem__(1), override);
        }
    }

    private void putIf(PyObject key, PyObject value, boolean override) {
        ConcurrentMap<PyObject, PyObject> map = getMap();
        if (override) {
            map.put(key, value);
        } else {
            map.putIfAbsent(key, value);
        }
    }

    @Override
    public Set<PyObject> pyKeySet() {
        return getMap().keySet();
    }
}
