package dev.forkbook.kernel;

/**
 * One variable of a state.
 *
 * @param type the Python type name
 * @param repr its {@code repr()}, capped like text outputs
 * @param shared true when the value could not be copied (an open file, a generator, a lock, a Java
 *     object...) and is therefore the same object in every state that holds it
 * @param module the {@code __module__} of a function or class (so a viewer can tell imported names
 *     from the notebook's own), null for other values or when unknown
 */
public record VariableInfo(String type, String repr, boolean shared, String module) {

    /** A variable whose module is not known. */
    public VariableInfo(String type, String repr, boolean shared) {
        this(type, repr, shared, null);
    }

    /** True for modules and for functions and classes defined outside the notebook. */
    public boolean isImported() {
        return "module".equals(type) || module != null && !module.equals("__main__");
    }
}
