package dev.forkbook.kernel;

import java.util.Objects;

/**
 * One cell execution: run {@code code} from state {@code stateName}; store the result as
 * {@code newStateName}, or under a generated name when that is null. An existing state of that name is
 * replaced, as the seed's clients expect.
 */
public record ExecuteRequest(String code, String execId, String stateName, String newStateName) {

    public ExecuteRequest {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(execId, "execId");
        Objects.requireNonNull(stateName, "stateName");
    }

    /** A request that lets the kernel name the new state. */
    public static ExecuteRequest of(String code, String execId, String stateName) {
        return new ExecuteRequest(code, execId, stateName, null);
    }
}
