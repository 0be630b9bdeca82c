package dev.forkbook.kernel.jython;

import org.python.core.PyDictionary;
import org.python.core.PyObject;

/**
 * The fallback for objects the Java copier does not know: Python's own {@code copy.deepcopy}, so that
 * {@code __deepcopy__}, {@code __reduce_ex__}, {@code __getstate__} and subclasses of builtins behave as
 * Python defines. One memo per instance keeps aliasing among the objects copied this way.
 */
final class PythonDeepCopy {

    private final PyObject deepcopy;
    private final PyDictionary memo = new PyDictionary();

    PythonDeepCopy(PyObject deepcopy) {
        this.deepcopy = deepcopy;
    }

    PyObject deepCopy(PyObject original) {
        return deepcopy.__call__(original, memo);
    }
}
