package dev.forkbook.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.kernel.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * nbformat v4 output objects to and from the kernel's {@link Output}s. Shared by the REST API, the
 * {@code .forkbook} file and {@code .ipynb} import and export, so there is one mapping.
 */
public final class NbformatOutputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NbformatOutputs() {
    }

    /** One output as an nbformat JSON object (MIME data sorted, so files diff well). */
    /**
     * {@code outputs} with {@code next} after them; stream text continues the last output when it
     * is the same stream, as in Jupyter front ends.
     */
    public static List<Output> appendMerged(List<Output> outputs, Output next) {
        List<Output> merged = new java.util.ArrayList<>(outputs);
        if (next instanceof Output.Stream chunk && !merged.isEmpty()
                && merged.get(merged.size() - 1) instanceof Output.Stream last
                && last.name().equals(chunk.name())) {
            merged.set(merged.size() - 1, new Output.Stream(last.name(), last.text() + chunk.text()));
        } else {
            merged.add(next);
        }
        return merged;
    }

    public static Map<String, Object> toJson(Output output) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("output_type", output.outputType());
        if (output instanceof Output.Stream stream) {
            json.put("name", stream.name());
            json.put("text", stream.text());
        } else if (output instanceof Output.DisplayData display) {
            json.put("data", new TreeMap<>(display.data()));
            json.put("metadata", new TreeMap<>(display.metadata()));
        } else if (output instanceof Output.ExecuteResult result) {
            json.put("execution_count", result.executionCount());
            json.put("data", new TreeMap<>(result.data()));
            json.put("metadata", new TreeMap<>(result.metadata()));
        }
        return json;
    }

    /** An error as the nbformat {@code error} output. */
    public static Map<String, Object> errorJson(ExecutionError error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("output_type", "error");
        json.put("ename", error.ename());
        json.put("evalue", error.evalue());
        json.put("traceback", error.traceback());
        return json;
    }

    /** Outputs plus, if there is one, the error as the last output. */
    public static List<Map<String, Object>> toJson(List<Output> outputs, ExecutionError error) {
        List<Map<String, Object>> json = new ArrayList<>();
        outputs.forEach(output -> json.add(toJson(output)));
        if (error != null) {
            json.add(errorJson(error));
        }
        return json;
    }

    /** What a list of nbformat outputs holds: the outputs, and the error output if any. */
    public record Parsed(List<Output> outputs, ExecutionError error) {
    }

    /**
     * Reads nbformat outputs; multi-line strings may be lists of lines, as Jupyter writes them.
     *
     * @throws NotebookFormatException for an output that is not an nbformat output
     */
    public static Parsed fromJson(JsonNode outputs, int fallbackCount) {
        List<Output> parsed = new ArrayList<>();
        ExecutionError error = null;
        if (outputs == null || outputs.isNull()) {
            return new Parsed(parsed, null);
        }
        if (!outputs.isArray()) {
            throw new NotebookFormatException("outputs must be a list");
        }
        for (JsonNode output : outputs) {
            String type = text(output.get("output_type"));
            switch (type == null ? "" : type) {
                case "stream" -> parsed.add(new Output.Stream(
                        orDefault(text(output.get("name")), "stdout"), multiline(output.get("text"))));
                case "display_data" -> parsed.add(new Output.DisplayData(data(output.get("data")),
                        map(output.get("metadata"))));
                case "execute_result" -> parsed.add(new Output.ExecuteResult(
                        output.path("execution_count").asInt(fallbackCount),
                        data(output.get("data")), map(output.get("metadata"))));
                case "error" -> {
                    List<String> traceback = new ArrayList<>();
                    output.path("traceback").forEach(line -> traceback.add(line.asText()));
                    error = new ExecutionError(orDefault(text(output.get("ename")), "Error"),
                            orDefault(text(output.get("evalue")), ""), traceback);
                }
                default -> throw new NotebookFormatException("unknown output_type: " + type);
            }
        }
        return new Parsed(parsed, error);
    }

    /** A cell's {@code execution_count}, or null when it is absent or null. */
    public static Integer executionCount(JsonNode cell) {
        JsonNode count = cell.get("execution_count");
        return count == null || count.isNull() ? null : count.asInt();
    }

    /** A cell's outputs; a bad output is reported with the cell's name ({@code label}). */
    public static Parsed cellOutputs(JsonNode cell, Integer executionCount, String label) {
        try {
            return fromJson(cell.get("outputs"), executionCount == null ? 0 : executionCount);
        } catch (NotebookFormatException e) {
            throw new NotebookFormatException("Cell " + label + ": " + e.getMessage());
        }
    }

    /** A string, or a list of strings joined (nbformat's multiline string). */
    public static String multiline(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isArray()) {
            StringBuilder text = new StringBuilder();
            node.forEach(line -> text.append(line.asText()));
            return text.toString();
        }
        return node.asText();
    }

    private static Map<String, Object> data(JsonNode node) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            return data;
        }
        node.properties().forEach(entry -> {
            String mime = entry.getKey();
            boolean json = mime.equals("application/json") || mime.endsWith("+json");
            data.put(mime, json ? JSON.convertValue(entry.getValue(), Object.class)
                    : multiline(entry.getValue()));
        });
        return data;
    }

    private static Map<String, Object> map(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(node, Map.class);
        map.values().removeIf(java.util.Objects::isNull);
        return map;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
