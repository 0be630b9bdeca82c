package dev.forkbook.kernel;

/**
 * One variable of a state.
 *
 * @param type the Python type name
 * @param repr its {@code repr()}, capped like text outputs
 * @param shared true when the value could not be copied (an open file, a generator, a lock, a Java
 *     object...) and is therefore the same object in every state that holds it
 */
public record VariableInfo(String type, String repr, boolean shared) {
}
