package dev.forkbook.kernel.jython;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.python.core.Py;
import org.python.core.PyList;
import org.python.core.PyObject;
import org.python.core.PyString;

/**
 * The read-only object a multistate execution binds to an alias: {@code alias.x} is variable
 * {@code x} of that state. Values are copies (made on first access through one memo, so aliasing
 * within the state holds), so nothing done with them reaches the stored state.
 */
final class StateView extends PyObject {

    private final String stateName;
    private final Snapshot snapshot;
    private final ExecutionNamespace values;

    StateView(String stateName, Snapshot snapshot, PyObject deepcopyFunction) {
        this.stateName = stateName;
        this.snapshot = snapshot;
        this.values = new ExecutionNamespace(snapshot, deepcopyFunction);
    }

    @Override
    public PyObject __findattr_ex__(String name) {
        if (snapshot.contains(name)) {
            return values.get(new PyString(name));
        }
        return super.__findattr_ex__(name);
    }

    @Override
    public void __setattr__(String name, PyObject value) {
        throw Py.AttributeError("state '" + stateName + "' is read-only");
    }

    @Override
    public void __delattr__(String name) {
        throw Py.AttributeError("state '" + stateName + "' is read-only");
    }

    @Override
    public PyObject __dir__() {
        List<PyObject> names = new ArrayList<>();
        for (String name : new TreeSet<>(snapshot.names())) {
            names.add(new PyString(name));
        }
        return new PyList(names);
    }

    @Override
    public PyString __repr__() {
        return new PyString("<state '" + stateName + "'>");
    }
}
