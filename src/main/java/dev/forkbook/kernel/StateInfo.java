package dev.forkbook.kernel;

import java.util.Map;

/** A state with its variables, sorted by name. */
public record StateInfo(StateSummary summary, Map<String, VariableInfo> variables) {

    public StateInfo {
        variables = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(variables));
    }

    public String name() {
        return summary.name();
    }
}
