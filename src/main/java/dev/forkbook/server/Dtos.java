package dev.forkbook.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Output;
import dev.forkbook.kernel.StateInfo;
import dev.forkbook.kernel.StateSummary;
import dev.forkbook.kernel.VariableInfo;
import dev.forkbook.notebook.NbformatOutputs;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the API, named as the seed names them (snake_case), and their mapping. */
final class Dtos {

    /** ISO-8601 in UTC with microseconds and {@code +00:00}, as the seed's Python isoformat(). */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private Dtos() {
    }

    record ErrorBody(String error) {
    }

    record ExecutionErrorBody(String ename, String evalue, List<String> traceback) {
    }

    record ExecuteResponse(List<Map<String, Object>> output,
            @JsonProperty("state_name") String stateName, ExecutionErrorBody error,
            @JsonProperty("execution_count") int executionCount) {
    }

    record StatesResponse(List<String> states) {
    }

    record VariableBody(String type, String repr, boolean shared) {
    }

    record StateResponse(String name, String timestamp, String parent, String code,
            @JsonProperty("exec_id") String execId,
            @JsonProperty("duration_ms") long durationMs,
            @JsonProperty("execution_count") int executionCount,
            Map<String, VariableBody> variables) {
    }

    record TreeNode(String name, String parent, String code,
            @JsonProperty("exec_id") String execId, String timestamp,
            @JsonProperty("duration_ms") long durationMs,
            @JsonProperty("execution_count") int executionCount) {
    }

    record TreeResponse(List<TreeNode> states) {
    }

    record DeletedResponse(String deleted) {
    }

    record StatusResponse(String status) {
    }

    record InterruptResponse(boolean interrupted) {
    }

    record CompletionsResponse(List<String> completions) {
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    static ExecuteResponse execution(ExecutionResult result) {
        return new ExecuteResponse(result.outputs().stream().map(Dtos::output).toList(),
                result.stateName(), error(result.error()), result.executionCount());
    }

    static ExecutionErrorBody error(ExecutionError error) {
        return error == null ? null
                : new ExecutionErrorBody(error.ename(), error.evalue(), error.traceback());
    }

    /** One nbformat v4 output object. */
    static Map<String, Object> output(Output output) {
        return NbformatOutputs.toJson(output);
    }

    static StateResponse state(StateInfo info) {
        StateSummary summary = info.summary();
        Map<String, VariableBody> variables = new LinkedHashMap<>();
        for (Map.Entry<String, VariableInfo> entry : info.variables().entrySet()) {
            VariableInfo variable = entry.getValue();
            variables.put(entry.getKey(),
                    new VariableBody(variable.type(), variable.repr(), variable.shared()));
        }
        return new StateResponse(summary.name(), timestamp(summary.created()), summary.parent(),
                summary.code(), summary.execId(), summary.durationMs(), summary.executionCount(),
                variables);
    }

    static TreeNode node(StateSummary summary) {
        return new TreeNode(summary.name(), summary.parent(), summary.code(), summary.execId(),
                timestamp(summary.created()), summary.durationMs(), summary.executionCount());
    }
}
