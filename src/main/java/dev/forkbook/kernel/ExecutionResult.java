package dev.forkbook.kernel;

import java.util.List;

/**
 * What an execution produced: its outputs in order, the name of the stored state ({@code null} when
 * it failed or stored nothing; a failed execution asked to keep its state names that failed state)
 * and the error, if any.
 */
public record ExecutionResult(List<Output> outputs, String stateName, ExecutionError error,
        int executionCount) {

    public ExecutionResult {
        outputs = List.copyOf(outputs);
    }

    public boolean succeeded() {
        return error == null;
    }

    /** True when the execution failed but its partial namespace was kept as state {@link #stateName}. */
    public boolean keptFailedState() {
        return error != null && stateName != null;
    }

    /** The concatenated text of one stream ("stdout" or "stderr"); handy for callers and tests. */
    public String streamText(String name) {
        StringBuilder text = new StringBuilder();
        for (Output output : outputs) {
            if (output instanceof Output.Stream stream && stream.name().equals(name)) {
                text.append(stream.text());
            }
        }
        return text.toString();
    }
}
