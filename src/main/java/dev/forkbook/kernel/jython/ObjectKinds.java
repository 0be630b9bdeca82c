package dev.forkbook.kernel.jython;

import java.util.Set;
import org.python.core.Py;
import org.python.core.PyBoolean;
import org.python.core.PyBuiltinCallable;
import org.python.core.PyClass;
import org.python.core.PyClassMethod;
import org.python.core.PyCode;
import org.python.core.PyComplex;
import org.python.core.PyFile;
import org.python.core.PyFloat;
import org.python.core.PyGenerator;
import org.python.core.PyInteger;
import org.python.core.PyJavaType;
import org.python.core.PyLong;
import org.python.core.PyModule;
import org.python.core.PyObject;
import org.python.core.PyProperty;
import org.python.core.PyReflectedFunction;
import org.python.core.PyStaticMethod;
import org.python.core.PyString;
import org.python.core.PyType;
import org.python.core.PyUnicode;
import org.python.core.PyXRange;

/**
 * Classifies Jython objects for snapshotting: what can be shared between states as it is, what must
 * be copied, and what cannot be copied at all.
 */
final class ObjectKinds {

    private static final Set<Class<?>> IMMUTABLE_CLASSES = Set.of(PyInteger.class, PyLong.class,
            PyFloat.class, PyComplex.class, PyString.class, PyUnicode.class, PyBoolean.class,
            PyXRange.class);

    private static final PyObject OBJECT_REDUCE_EX = PyObject.TYPE.lookup("__reduce_ex__");
    private static final PyObject OBJECT_REDUCE = PyObject.TYPE.lookup("__reduce__");

    private ObjectKinds() {
    }

    /** Values no code can change: the same object serves every state. */
    static boolean isImmutable(PyObject value) {
        return IMMUTABLE_CLASSES.contains(value.getClass()) || value == Py.None
                || value == Py.Ellipsis || value == Py.NotImplemented;
    }

    /**
     * Objects that are one per interpreter by design and shared between states without being reported:
     * modules, classes, code and builtin or Java callables (as in the seed, and as a fresh interpreter
     * replaying the path would see them).
     */
    static boolean isSingletonByDesign(PyObject value) {
        return value instanceof PyModule || value instanceof PyType || value instanceof PyClass
                || value instanceof PyCode || value instanceof PyBuiltinCallable
                || value instanceof PyReflectedFunction || value instanceof PyProperty
                || value instanceof PyStaticMethod || value instanceof PyClassMethod;
    }

    /**
     * Objects whose copy would not work: open files, generators, locks and other Java-backed objects.
     * They stay the same object in every state that holds them, and the state says so.
     */
    static boolean isUncopyable(PyObject value) {
        if (value instanceof PyFile || value instanceof PyGenerator) {
            return true;
        }
        if (value.getType() instanceof PyJavaType || value.getType().getProxyType() != null) {
            return true;
        }
        String javaClass = value.getClass().getName();
        return javaClass.startsWith("org.python.modules.thread.")
                || javaClass.startsWith("org.python.modules._threading.");
    }

    /**
     * True for an instance of a class defined in Python whose state is exactly its {@code __dict__}:
     * no {@code __slots__}, no custom {@code __deepcopy__}, {@code __reduce__}, {@code __getstate__} or
     * {@code __setstate__} anywhere in its class hierarchy, and not backed by a Java class.
     */
    static boolean hasPlainInstanceDict(PyObject value) {
        if (value.fastGetDict() == null) {
            return false;
        }
        return isPlainPythonClass(value.getType());
    }

    /** The copy hooks a class can define to change what {@code copy.deepcopy} does. */
    private static final java.util.List<String> COPY_HOOKS = java.util.List.of("__deepcopy__",
            "__getstate__", "__setstate__", "__slots__", "__reduce_ex__", "__reduce__");

    /**
     * True for a subclass of dict defined in Python whose state is its items and its {@code __dict__}:
     * every class of its hierarchy below dict defines no copy hook, or is one of the standard
     * library's {@code collections} classes ({@code Counter}, {@code OrderedDict}: their hooks only
     * rebuild that same state). Copying the items and the attributes then equals
     * {@code copy.deepcopy}, without its cost.
     */
    static boolean isStructuralDictSubclass(PyType type) {
        if (type.getProxyType() != null || type.lookup("__slots__") != null) {
            return false;
        }
        PyObject mro = type.getMro();
        if (mro == null) {
            return false;
        }
        for (PyObject base : mro.asIterable()) {
            if (base == org.python.core.PyDictionary.TYPE || base == PyObject.TYPE) {
                continue;
            }
            if (!(base instanceof PyType baseType) || baseType.getProxyType() != null) {
                return false;
            }
            PyObject own = baseType.fastGetDict();
            boolean hooked = COPY_HOOKS.stream().anyMatch(hook -> own.__finditem__(hook) != null);
            if (hooked && !isStandardCollection(baseType)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isStandardCollection(PyType type) {
        PyObject module = type.fastGetDict().__finditem__("__module__");
        return module != null && "collections".equals(module.toString())
                && Set.of("Counter", "OrderedDict").contains(type.getName());
    }

    private static boolean isPlainPythonClass(PyType type) {
        return type.lookup("__deepcopy__") == null
                && type.lookup("__getstate__") == null
                && type.lookup("__setstate__") == null
                && type.lookup("__slots__") == null
                && type.lookup("__reduce_ex__") == OBJECT_REDUCE_EX
                && type.lookup("__reduce__") == OBJECT_REDUCE
                && type.getProxyType() == null;
    }
}
