package dev.forkbook.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.forkbook.kernel.BranchResult;
import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Output;
import dev.forkbook.kernel.Provenance;
import dev.forkbook.kernel.StateDiff;
import dev.forkbook.kernel.StateInfo;
import dev.forkbook.kernel.StateSummary;
import dev.forkbook.kernel.VariableInfo;
import dev.forkbook.notebook.NbformatOutputs;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    record VariableBody(String type, String repr, boolean shared,
            @JsonProperty("written_by") String writtenBy) {
    }

    record StateResponse(String name, String timestamp, String parent, String code,
            @JsonProperty("exec_id") String execId,
            @JsonProperty("duration_ms") long durationMs,
            @JsonProperty("execution_count") int executionCount,
            Map<String, VariableBody> variables, List<String> reads, List<String> writes,
            @JsonProperty("read_whole_namespace") boolean readWholeNamespace,
            @JsonProperty("reads_shared") List<String> readsShared, boolean evicted) {
    }

    record BranchBody(@JsonProperty("state_name") String stateName,
            @JsonProperty("new_state_name") String newStateName,
            List<Map<String, Object>> output, ExecutionErrorBody error,
            @JsonProperty("execution_count") int executionCount) {
    }

    record ExecuteManyResponse(List<BranchBody> results) {
    }

    record DiffRowBody(String path, String change, String a, String b) {
    }

    record DiffDetailBody(String kind, @JsonProperty("total_rows") int totalRows, int offset,
            List<DiffRowBody> rows) {
    }

    record ChangedBody(String a, String b, @JsonProperty("type_a") String typeA,
            @JsonProperty("type_b") String typeB, DiffDetailBody detail) {
    }

    record DiffResponse(String a, String b, List<String> added, List<String> removed,
            Map<String, ChangedBody> changed, List<String> unchanged,
            @JsonProperty("same_object") List<String> sameObject, long comparisons) {
    }

    record TreeNode(String name, String parent, String code,
            @JsonProperty("exec_id") String execId, String timestamp,
            @JsonProperty("duration_ms") long durationMs,
            @JsonProperty("execution_count") int executionCount, boolean evicted) {
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

    record PinsResponse(List<String> pinned) {
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

    static ExecuteManyResponse executeMany(List<BranchResult> branches) {
        return new ExecuteManyResponse(branches.stream().map(branch -> new BranchBody(
                branch.stateName(), branch.result().stateName(),
                branch.result().outputs().stream().map(Dtos::output).toList(),
                error(branch.result().error()), branch.result().executionCount())).toList());
    }

    static DiffResponse diff(StateDiff diff) {
        Map<String, ChangedBody> changed = new LinkedHashMap<>();
        diff.changed().forEach((name, change) -> {
            StateDiff.Detail detail = change.detail();
            List<DiffRowBody> rows = detail.rows().stream().map(row -> new DiffRowBody(row.path(),
                    row.change().name().toLowerCase(Locale.ROOT), row.a(), row.b())).toList();
            changed.put(name, new ChangedBody(change.reprA(), change.reprB(), change.typeA(),
                    change.typeB(), new DiffDetailBody(detail.kind().name().toLowerCase(Locale.ROOT),
                            detail.totalRows(), detail.offset(), rows)));
        });
        return new DiffResponse(diff.a(), diff.b(), diff.added(), diff.removed(), changed,
                diff.unchanged(), diff.sameObject(), diff.comparisons());
    }

    static StateResponse state(StateInfo info, Provenance provenance) {
        StateSummary summary = info.summary();
        Map<String, VariableBody> variables = null;
        if (info.variables() != null) {
            variables = new LinkedHashMap<>();
            for (Map.Entry<String, VariableInfo> entry : info.variables().entrySet()) {
                VariableInfo variable = entry.getValue();
                variables.put(entry.getKey(),
                        new VariableBody(variable.type(), variable.repr(), variable.shared(),
                                provenance.writtenBy().get(entry.getKey())));
            }
        }
        return new StateResponse(summary.name(), timestamp(summary.created()), summary.parent(),
                summary.code(), summary.execId(), summary.durationMs(), summary.executionCount(),
                variables, provenance.reads(), provenance.writes(), provenance.readWholeNamespace(),
                provenance.readsShared(), info.evicted());
    }

    static TreeNode node(StateSummary summary) {
        return new TreeNode(summary.name(), summary.parent(), summary.code(), summary.execId(),
                timestamp(summary.created()), summary.durationMs(), summary.executionCount(),
                summary.evicted());
    }
}
