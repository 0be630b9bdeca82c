package dev.forkbook.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Jupyter interchange. Export writes one path (root to a chosen node) as an nbformat 4.5 notebook and
 * keeps the whole tree in {@code metadata.forkbook}, so importing our own export restores every
 * branch; importing any other nbformat 4 notebook gives one linear branch with its outputs.
 */
public final class Ipynb {

    private static final Pattern CELL_ID = Pattern.compile("^[a-zA-Z0-9-_]{1,64}$");

    private Ipynb() {
    }

    /** The path from the root to {@code nodeId} as .ipynb bytes. */
    public static byte[] export(NotebookDocument document, String nodeId) {
        List<Map<String, Object>> cells = new ArrayList<>();
        for (CellNode node : document.tree().pathTo(nodeId)) {
            Map<String, Object> cell = new LinkedHashMap<>();
            boolean markdown = node.kind() == CellKind.MARKDOWN;
            cell.put("cell_type", markdown ? "markdown" : "code");
            if (!markdown) {
                cell.put("execution_count", node.executionCount());
            }
            cell.put("id", node.id());
            cell.put("metadata", Map.of());
            if (!markdown) {
                // A pending cell's outputs belong to another branch: Jupyter shows it as not run.
                boolean pending = node.status() == CellStatus.PENDING;
                cell.put("outputs", pending ? List.of()
                        : NbformatOutputs.toJson(node.outputs(), node.error()));
            }
            cell.put("source", node.source());
            cells.add(cell);
        }
        Map<String, Object> forkbook = new LinkedHashMap<>();
        forkbook.put("version", ForkbookFormat.VERSION);
        forkbook.put("current", document.current());
        forkbook.put("exported_node", nodeId);
        forkbook.put("cells", ForkbookFormat.cells(document.tree()));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("forkbook", forkbook);
        metadata.put("kernelspec", Map.of("display_name", "Jython 2.7 (Forkbook)",
                "language", "python", "name", "forkbook-jython"));
        metadata.put("language_info", Map.of("name", "python", "version", "2.7"));
        Map<String, Object> notebook = new LinkedHashMap<>();
        notebook.put("cells", cells);
        notebook.put("metadata", metadata);
        notebook.put("nbformat", 4);
        notebook.put("nbformat_minor", 5);
        return ForkbookFormat.toBytes(notebook);
    }

    /**
     * Reads an nbformat 4 notebook, or an nbformat 3 one upgraded as nbformat does.
     *
     * @throws NotebookFormatException when it is not one
     */
    public static NotebookDocument read(byte[] bytes) {
        JsonNode root = ForkbookFormat.parseJson(bytes);
        int major = root.path("nbformat").asInt(-1);
        if (major == 3 && root.path("worksheets").isArray()) {
            return linear(Nbformat3.upgradeCells(root));
        }
        if (!root.isObject() || !root.has("cells")) {
            throw new NotebookFormatException("This is not a Jupyter notebook (no cells).");
        }
        if (major != 4) {
            throw new NotebookFormatException("Only nbformat 3 and 4 notebooks can be imported; "
                    + "this one is nbformat " + root.path("nbformat") + ".");
        }
        JsonNode forkbook = root.path("metadata").path("forkbook");
        if (forkbook.isObject() && forkbook.path("cells").isArray()) {
            if (forkbook.path("version").asInt(-1) > ForkbookFormat.VERSION) {
                throw new NotebookFormatException("This notebook's branches were written by a newer "
                        + "Forkbook; update Forkbook to open it.");
            }
            return new NotebookDocument(ForkbookFormat.readTree(forkbook.path("cells")),
                    forkbook.path("current").asText(null));
        }
        return linear(root.path("cells"));
    }

    private static NotebookDocument linear(JsonNode cells) {
        NotebookTree tree = new NotebookTree();
        Set<String> used = new HashSet<>();
        String parent = NotebookTree.ROOT_ID;
        int index = 0;
        for (JsonNode cell : cells) {
            index++;
            String type = cell.path("cell_type").asText();
            if (!type.equals("code") && !type.equals("markdown") && !type.equals("raw")) {
                throw new NotebookFormatException("Cell " + index + " has an unknown cell_type: "
                        + type);
            }
            String id = cell.path("id").asText("");
            if (!CELL_ID.matcher(id).matches() || !used.add(id) || id.equals(NotebookTree.ROOT_ID)) {
                id = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                used.add(id);
            }
            String source = NbformatOutputs.multiline(cell.get("source"));
            CellNode node;
            if (type.equals("code")) {
                Integer executionCount = NbformatOutputs.executionCount(cell);
                NbformatOutputs.Parsed outputs = NbformatOutputs.cellOutputs(cell, executionCount,
                        String.valueOf(index));
                node = new CellNode(id, parent, CellKind.CODE, source, CellStatus.NOT_LIVE,
                        outputs.outputs(), outputs.error(), executionCount, null, null, 0, false);
            } else {
                node = CellNode.fresh(id, parent, CellKind.MARKDOWN, source, CellStatus.STATIC, null);
            }
            tree.add(node);
            parent = id;
        }
        return new NotebookDocument(tree, parent);
    }
}
