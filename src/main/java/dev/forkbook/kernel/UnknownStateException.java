package dev.forkbook.kernel;

/** A request named a state the kernel does not have. */
public final class UnknownStateException extends RuntimeException {

    private final String stateName;

    public UnknownStateException(String stateName) {
        super("State not found: " + stateName);
        this.stateName = stateName;
    }

    public String stateName() {
        return stateName;
    }
}
