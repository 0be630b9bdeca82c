package dev.forkbook.kernel.jython;

import java.util.Set;
import java.util.TreeSet;
import java.util.List;
import java.util.ArrayList;
import org.python.core.Py;
import org.python.core.PyException;
import org.python.core.PyObject;
import org.python.core.PyClass;
import org.python.core.PyFunction;
import org.python.core.PyModule;
import org.python.core.PyString;
import org.python.core.PySystemState;
import org.python.core.PyType;

/**
 * Tab completion: names of a state and the builtins, or the attributes of a dotted name's object.
 * Attribute lookups run on copies from the state's namespace, never on its frozen objects.
 */
final class Completions {

    private static final List<String> KEYWORDS = List.of("and", "as", "assert", "break", "class",
            "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
            "if", "import", "in", "is", "lambda", "not", "or", "pass", "raise", "return", "try",
            "while", "with", "yield");

    private Completions() {
    }

    static List<String> of(Set<String> names, ExecutionNamespace namespace, String prefix) {
        Set<String> matches = new TreeSet<>();
        int dot = prefix.lastIndexOf('.');
        if (dot < 0) {
            for (String name : names) {
                addIfMatches(matches, name, prefix);
            }
            for (PyObject key : Py.getSystemState().getBuiltins().asIterable()) {
                addIfMatches(matches, key.toString(), prefix);
            }
            KEYWORDS.forEach(keyword -> addIfMatches(matches, keyword, prefix));
            return new ArrayList<>(matches);
        }
        String base = prefix.substring(0, dot);
        String partial = prefix.substring(dot + 1);
        try {
            PyObject object = resolve(namespace, base.split("\\."));
            if (object == null) {
                return List.of();
            }
            Set<String> declared = object instanceof PyModule ? publicNames(object) : Set.of();
            for (PyObject attribute : object.__dir__().asIterable()) {
                String name = attribute.toString();
                if (name.startsWith(partial) && (partial.startsWith("_") || !name.startsWith("_"))
                        && (declared.contains(name) || !importedInto(object, name))) {
                    matches.add(base + "." + name);
                }
            }
        } catch (PyException e) {
            return List.of();
        }
        return new ArrayList<>(matches);
    }

    /** The names a module declares public in {@code __all__}; always offered. */
    private static Set<String> publicNames(PyObject module) {
        PyObject all = module.__findattr__("__all__");
        Set<String> names = new TreeSet<>();
        if (all != null) {
            for (PyObject name : all.asIterable()) {
                names.add(name.toString());
            }
        }
        return names;
    }

    /**
     * Whether a module's attribute is a name it merely imported (as {@code plt.sys}): another module
     * that is not one of its own submodules, or a function or class defined in another module.
     */
    private static boolean importedInto(PyObject object, String name) {
        if (!(object instanceof PyModule)) {
            return false;
        }
        String moduleName = String.valueOf(object.__findattr__("__name__"));
        PyObject value = object.__findattr__(name);
        if (value instanceof PyModule || value instanceof PySystemState) {
            return !String.valueOf(value.__findattr__("__name__")).startsWith(moduleName + ".");
        }
        if (value instanceof PyFunction || value instanceof PyType || value instanceof PyClass) {
            PyObject definedIn = value.__findattr__("__module__");
            return definedIn instanceof PyString && !definedIn.toString().equals(moduleName);
        }
        return false;
    }

    private static PyObject resolve(ExecutionNamespace namespace, String[] parts) {
        PyObject object = namespace.get(new PyString(parts[0]));
        if (object == null) {
            object = Py.getSystemState().getBuiltins().__finditem__(parts[0]);
        }
        for (int i = 1; object != null && i < parts.length; i++) {
            object = object.__findattr__(parts[i]);
        }
        return object;
    }

    private static void addIfMatches(Set<String> matches, String name, String prefix) {
        if (name.startsWith(prefix) && !ExecutionNamespace.isDunder(name)) {
            matches.add(name);
        }
    }
}
