package dev.forkbook.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Upgrades the cells of an nbformat 3 notebook (2014) to nbformat 4, as {@code nbformat.v4.convert}
 * does: worksheets flattened, {@code input}/{@code prompt_number} renamed, heading cells turned into
 * markdown, and outputs ({@code pyout}, {@code pyerr}, {@code stream}, {@code display_data}) moved
 * under MIME-type keys.
 */
final class Nbformat3 {

    private static final Map<String, String> MIME = Map.of("text", "text/plain", "html",
            "text/html", "svg", "image/svg+xml", "png", "image/png", "jpeg", "image/jpeg", "latex",
            "text/latex", "json", "application/json", "javascript", "application/javascript",
            "pdf", "application/pdf");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Nbformat3() {
    }

    /** The notebook's cells in nbformat 4 form. */
    static ArrayNode upgradeCells(JsonNode root) {
        ArrayNode cells = JSON.arrayNode();
        for (JsonNode worksheet : root.path("worksheets")) {
            for (JsonNode cell : worksheet.path("cells")) {
                cells.add(upgradeCell(cell));
            }
        }
        return cells;
    }

    private static ObjectNode upgradeCell(JsonNode cell) {
        ObjectNode out = JSON.objectNode();
        String type = cell.path("cell_type").asText();
        out.set("metadata", cell.has("metadata") ? cell.get("metadata") : JSON.objectNode());
        switch (type) {
            case "code" -> {
                out.put("cell_type", "code");
                out.put("source", NbformatOutputs.multiline(cell.get("input")));
                JsonNode count = cell.get("prompt_number");
                out.set("execution_count", count == null ? JSON.nullNode() : count);
                ArrayNode outputs = out.putArray("outputs");
                for (JsonNode output : cell.path("outputs")) {
                    outputs.add(upgradeOutput(output));
                }
            }
            case "heading" -> {
                out.put("cell_type", "markdown");
                int level = Math.max(1, cell.path("level").asInt(1));
                String text = String.join(" ",
                        NbformatOutputs.multiline(cell.get("source")).split("\n"));
                out.put("source", "#".repeat(level) + " " + text);
            }
            default -> {
                out.put("cell_type", type.equals("markdown") ? "markdown"
                        : type.equals("raw") ? "raw" : type);
                out.put("source", NbformatOutputs.multiline(cell.get("source")));
            }
        }
        return out;
    }

    private static ObjectNode upgradeOutput(JsonNode output) {
        ObjectNode out = ((ObjectNode) output).deepCopy();
        String type = out.path("output_type").asText();
        switch (type) {
            case "pyout", "display_data" -> {
                if (type.equals("pyout")) {
                    out.put("output_type", "execute_result");
                    JsonNode count = out.remove("prompt_number");
                    out.set("execution_count", count == null ? JSON.nullNode() : count);
                }
                ObjectNode data = JSON.objectNode();
                List<String> keys = new ArrayList<>();
                out.fieldNames().forEachRemaining(keys::add);
                for (String key : keys) {
                    if (!key.equals("output_type") && !key.equals("execution_count")
                            && !key.equals("metadata")) {
                        data.set(MIME.getOrDefault(key, key), out.remove(key));
                    }
                }
                out.set("data", data);
                if (!out.has("metadata")) {
                    out.set("metadata", JSON.objectNode());
                }
            }
            case "pyerr" -> out.put("output_type", "error");
            case "stream" -> {
                JsonNode name = out.remove("stream");
                out.put("name", name == null ? "stdout" : name.asText());
            }
            default -> {
            }
        }
        return out;
    }
}
