package dev.forkbook.kernel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A state with its variables in definition order (first binding on the path; rebinding keeps the
 * place; {@code del} then rebinding moves a name to the end).
 *
 * @param variables null when the state is {@code evicted}
 * @param evicted true when the kernel dropped the state's namespace to stay within its memory
 *     budget; it keeps its lineage and is rebuilt by replay when a cell runs from it
 */
public record StateInfo(StateSummary summary, Map<String, VariableInfo> variables, boolean evicted) {

    public StateInfo {
        variables = variables == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    public StateInfo(StateSummary summary, Map<String, VariableInfo> variables) {
        this(summary, variables, false);
    }

    public String name() {
        return summary.name();
    }
}
