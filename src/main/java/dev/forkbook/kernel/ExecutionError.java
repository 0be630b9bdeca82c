package dev.forkbook.kernel;

import java.util.List;

/** A Python exception as Jupyter reports it: class name, message and formatted traceback lines. */
public record ExecutionError(String ename, String evalue, List<String> traceback) {

    /** The ename of an execution that asked for a state that does not exist. */
    public static final String STATE_NOT_FOUND = "StateNotFound";

    /**
     * The ename of an execution whose kernel could not be reached (a remote server that is gone or
     * refused the token); nothing ran, or its result never arrived.
     */
    public static final String CONNECTION_LOST = "KernelConnectionLost";

    /** The ename of an execution whose kernel could not start (or was closed before it did). */
    public static final String KERNEL_FAILED = "KernelFailed";

    public ExecutionError {
        traceback = List.copyOf(traceback);
    }

    public static ExecutionError stateNotFound(String stateName) {
        return new ExecutionError(STATE_NOT_FOUND, stateName, List.of());
    }

    public static ExecutionError connectionLost(String message) {
        return new ExecutionError(CONNECTION_LOST, message, List.of());
    }
}
