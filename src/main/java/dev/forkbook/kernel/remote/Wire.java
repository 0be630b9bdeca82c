package dev.forkbook.kernel.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forkbook.kernel.BranchResult;
import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Output;
import dev.forkbook.kernel.StateDiff;
import dev.forkbook.kernel.StateSummary;
import dev.forkbook.kernel.VariableInfo;
import dev.forkbook.notebook.NbformatOutputs;
import dev.forkbook.notebook.NotebookFormatException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The API's JSON (snake_case, nbformat outputs) read into kernel API types. */
final class Wire {

    private Wire() {
    }

    /**
     * An {@code /execute} answer. {@code count} is used when the answer has no
     * {@code execution_count} (the seed's never do).
     */
    static ExecutionResult result(JsonNode json, int count) {
        int executionCount = json.path("execution_count").asInt(count);
        List<Output> outputs;
        try {
            outputs = NbformatOutputs.fromJson(json.get("output"), executionCount).outputs();
        } catch (NotebookFormatException e) {
            throw new RemoteKernelException(RemoteKernelException.Reason.BAD_ANSWER, 200,
                    "The kernel sent an output this client cannot read: " + e.getMessage(), e);
        }
        return new ExecutionResult(outputs, text(json.get("state_name")), error(json.get("error")),
                executionCount);
    }

    /** One {@code results} item of {@code /execute_many}: its state and what ran from it. */
    static BranchResult branch(JsonNode json) {
        com.fasterxml.jackson.databind.node.ObjectNode asResult = json.deepCopy();
        asResult.set("state_name", json.get("new_state_name"));
        return new BranchResult(text(json.get("state_name")), result(asResult, 0));
    }

    /** A {@code GET /diff} answer. */
    static StateDiff diff(JsonNode json) {
        Map<String, StateDiff.VariableChange> changed = new LinkedHashMap<>();
        try {
            json.path("changed").properties().forEach(entry -> {
                JsonNode change = entry.getValue();
                JsonNode detail = change.path("detail");
                List<StateDiff.Row> rows = new ArrayList<>();
                detail.path("rows").forEach(row -> rows.add(new StateDiff.Row(
                        row.path("path").asText(""), StateDiff.Change.valueOf(
                                row.path("change").asText().toUpperCase(Locale.ROOT)),
                        text(row.get("a")), text(row.get("b")))));
                changed.put(entry.getKey(), new StateDiff.VariableChange(
                        text(change.get("type_a")), text(change.get("a")),
                        text(change.get("type_b")), text(change.get("b")),
                        new StateDiff.Detail(StateDiff.DetailKind.valueOf(
                                detail.path("kind").asText().toUpperCase(Locale.ROOT)),
                                detail.path("total_rows").asInt(), detail.path("offset").asInt(),
                                rows)));
            });
        } catch (IllegalArgumentException e) {
            throw new RemoteKernelException(RemoteKernelException.Reason.BAD_ANSWER, 200,
                    "The kernel sent a diff this client cannot read: " + e.getMessage(), e);
        }
        return new StateDiff(text(json.get("a")), text(json.get("b")), strings(json.get("added")),
                strings(json.get("removed")), changed, strings(json.get("unchanged")),
                strings(json.get("same_object")), json.path("comparisons").asLong(0));
    }

    /** One nbformat output, or null when it is not one this client can read. */
    static Output output(JsonNode json) {
        try {
            List<Output> outputs = NbformatOutputs.fromJson(
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(json),
                    0).outputs();
            return outputs.isEmpty() ? null : outputs.get(0);
        } catch (NotebookFormatException e) {
            return null;
        }
    }

    /** The result shown with the count the notebook chose instead of the server's. */
    static ExecutionResult withCount(ExecutionResult result, int count) {
        List<Output> outputs = new ArrayList<>();
        for (Output output : result.outputs()) {
            outputs.add(output instanceof Output.ExecuteResult value
                    ? new Output.ExecuteResult(count, value.data(), value.metadata()) : output);
        }
        return new ExecutionResult(outputs, result.stateName(), result.error(), count);
    }

    static ExecutionError error(JsonNode json) {
        if (json == null || json.isNull() || !json.isObject()) {
            return null;
        }
        List<String> traceback = new ArrayList<>();
        json.path("traceback").forEach(line -> traceback.add(line.asText()));
        return new ExecutionError(json.path("ename").asText("Error"), json.path("evalue").asText(""),
                traceback);
    }

    /** A {@code /tree} node or the summary fields of {@code /states/{name}}. */
    static StateSummary summary(JsonNode json) {
        return new StateSummary(json.path("name").asText(), text(json.get("parent")),
                json.path("code").asText(""), text(json.get("exec_id")),
                instant(text(json.get("timestamp"))), json.path("duration_ms").asLong(0),
                json.path("execution_count").asInt(0));
    }

    /** The {@code variables} object of {@code /states/{name}}; the seed's have no {@code shared}. */
    static Map<String, VariableInfo> variables(JsonNode json) {
        Map<String, VariableInfo> variables = new LinkedHashMap<>();
        if (json != null && json.isObject()) {
            json.properties().forEach(entry -> variables.put(entry.getKey(), new VariableInfo(
                    entry.getValue().path("type").asText(""), entry.getValue().path("repr").asText(""),
                    entry.getValue().path("shared").asBoolean(false))));
        }
        return variables;
    }

    static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        if (array != null) {
            array.forEach(item -> strings.add(item.asText()));
        }
        return strings;
    }

    static Instant instant(String text) {
        if (text == null) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
