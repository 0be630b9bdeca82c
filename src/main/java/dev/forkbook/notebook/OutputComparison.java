package dev.forkbook.notebook;

import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.kernel.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether re-running a cell reproduced its saved outputs: the same outputs in the same order, ignoring
 * execution counts (they always differ) and traceback details (they name internal cell files).
 */
public final class OutputComparison {

    private OutputComparison() {
    }

    public static boolean same(List<Output> saved, ExecutionError savedError, List<Output> replayed,
            ExecutionError replayedError) {
        if (!normalized(saved).equals(normalized(replayed))) {
            return false;
        }
        if (savedError == null || replayedError == null) {
            return savedError == replayedError;
        }
        return savedError.ename().equals(replayedError.ename())
                && Objects.equals(savedError.evalue(), replayedError.evalue());
    }

    private static List<Object> normalized(List<Output> outputs) {
        List<Object> result = new ArrayList<>();
        for (Output output : outputs) {
            if (output instanceof Output.ExecuteResult executeResult) {
                result.add(List.of("execute_result", executeResult.data(), executeResult.metadata()));
            } else {
                result.add(output);
            }
        }
        return result;
    }
}
