package dev.forkbook.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code .forkbook} file: versioned JSON with the whole tree, written deterministically (fixed key
 * order, cells parents-first in time order, two-space indentation, LF line ends) so that it diffs well.
 *
 * <pre>
 * {"format": "forkbook", "version": 1, "current": "c…", "kernel": {"kind", "url"}?,
 *  "cells": [{"id", "parent", "kind", "source", "execution_count", "created", "duration_ms",
 *             "outputs": [nbformat v4 outputs], "label" (only when the user named the cell)}],
 *  "collapsed": [ids of nodes whose subtree the graph hides]? }
 * </pre>
 * A cell that has not run on its branch yet (pending) also has {@code "status": "pending"}; its
 * outputs are those it had on the branch it came from. A cell saved with an error output opens as
 * failed (it holds no state, so replay skips it).
 */
public final class ForkbookFormat {

    public static final String FORMAT = "forkbook";
    public static final int VERSION = 1;

    /** Key order is fixed by the code that builds each object (MIME bundles are sorted there). */
    private static final ObjectMapper JSON = new ObjectMapper();

    private ForkbookFormat() {
    }

    /** The file's bytes for a document. */
    public static byte[] write(NotebookDocument document) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("format", FORMAT);
        file.put("version", VERSION);
        file.put("current", document.current());
        if (document.kernel() != null) {
            Map<String, Object> kernel = new LinkedHashMap<>();
            kernel.put("kind", document.kernel().kind());
            if (document.kernel().url() != null) {
                kernel.put("url", document.kernel().url());
            }
            file.put("kernel", kernel);
        }
        file.put("cells", cells(document.tree()));
        List<String> collapsed = document.tree().depthFirst().stream().map(CellNode::id)
                .filter(document.tree()::isCollapsed).toList();
        if (!collapsed.isEmpty()) {
            file.put("collapsed", collapsed);
        }
        return toBytes(file);
    }

    /** The cells of a tree in file order, root left out. */
    static List<Map<String, Object>> cells(NotebookTree tree) {
        List<Map<String, Object>> cells = new ArrayList<>();
        for (CellNode node : tree.depthFirst()) {
            if (node.isRoot()) {
                continue;
            }
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("id", node.id());
            cell.put("parent", node.parentId());
            cell.put("kind", node.kind() == CellKind.MARKDOWN ? "markdown" : "code");
            cell.put("source", node.source());
            if (node.status() == CellStatus.PENDING) {
                cell.put("status", "pending");
            }
            cell.put("execution_count", node.executionCount());
            cell.put("created", node.created() == null ? null : node.created().toString());
            cell.put("duration_ms", node.durationMs());
            cell.put("outputs", NbformatOutputs.toJson(node.outputs(), node.error()));
            if (tree.label(node.id()) != null) {
                cell.put("label", tree.label(node.id()));
            }
            cells.add(cell);
        }
        return cells;
    }

    static byte[] toBytes(Object json) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            byte[] body = JSON.writer(printer).writeValueAsBytes(json);
            byte[] withNewline = java.util.Arrays.copyOf(body, body.length + 1);
            withNewline[body.length] = '\n';
            return withNewline;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize notebook", e);
        }
    }

    /**
     * Reads a file's bytes.
     *
     * @throws NotebookFormatException with a message for the user when the bytes are empty, not UTF-8,
     *     not JSON (truncated), not a Forkbook notebook, or of a newer version
     */
    public static NotebookDocument read(byte[] bytes) {
        JsonNode root = parseJson(bytes);
        if (!root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new NotebookFormatException("This is not a Forkbook notebook (no \"format\": "
                    + "\"forkbook\" field).");
        }
        int version = root.path("version").asInt(-1);
        if (version > VERSION) {
            throw new NotebookFormatException("This notebook was written by a newer Forkbook (file "
                    + "format version " + version + "; this Forkbook reads up to " + VERSION
                    + "). Update Forkbook to open it.");
        }
        if (version < 1) {
            throw new NotebookFormatException("Unknown notebook format version: "
                    + root.path("version"));
        }
        JsonNode kernel = root.path("kernel");
        KernelChoice choice = kernel.isObject() && kernel.hasNonNull("kind")
                ? new KernelChoice(kernel.get("kind").asText(), kernel.path("url").asText(null))
                : null;
        NotebookTree tree = readTree(root.path("cells"));
        for (JsonNode id : root.path("collapsed")) {
            // Ids of cells that are not in the file are left out: folding is only a view.
            if (id.isTextual() && tree.contains(id.asText())) {
                tree.setCollapsed(id.asText(), true);
            }
        }
        return new NotebookDocument(tree, root.path("current").asText(null), choice);
    }

    /** A tree from the file's list of cells (also kept in exported .ipynb metadata). */
    static NotebookTree readTree(JsonNode cells) {
        if (!cells.isArray()) {
            throw new NotebookFormatException("The notebook has no list of cells.");
        }
        NotebookTree tree = new NotebookTree();
        int index = 0;
        for (JsonNode cell : cells) {
            index++;
            CellNode node = readCell(cell, index, tree);
            tree.add(node);
            if (cell.path("label").isTextual()) {
                tree.setLabel(node.id(), cell.path("label").asText());
            }
        }
        return tree;
    }

    private static CellNode readCell(JsonNode cell, int index, NotebookTree tree) {
        String id = cell.path("id").asText(null);
        String parent = cell.path("parent").asText(null);
        if (id == null || id.isEmpty() || parent == null) {
            throw new NotebookFormatException("Cell " + index + " has no id or parent.");
        }
        if (!tree.contains(parent)) {
            throw new NotebookFormatException("Cell " + id + " names parent " + parent
                    + ", which does not come before it.");
        }
        if (tree.contains(id)) {
            throw new NotebookFormatException("Two cells have the id " + id + ".");
        }
        CellKind kind = "markdown".equals(cell.path("kind").asText()) ? CellKind.MARKDOWN
                : CellKind.CODE;
        Integer executionCount = NbformatOutputs.executionCount(cell);
        NbformatOutputs.Parsed outputs = NbformatOutputs.cellOutputs(cell, executionCount, id);
        CellStatus status = kind == CellKind.MARKDOWN ? CellStatus.STATIC
                : outputs.error() != null ? CellStatus.ERROR : CellStatus.NOT_LIVE;
        if ("pending".equals(cell.path("status").asText())) {
            status = CellStatus.PENDING;
        }
        return new CellNode(id, parent, kind, cell.path("source").asText(""), status,
                outputs.outputs(), outputs.error(), executionCount, null,
                instant(cell.path("created").asText(null)), cell.path("duration_ms").asLong(0),
                false);
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Strict UTF-8, then JSON; every failure is a message for the user. */
    static JsonNode parseJson(byte[] bytes) {
        if (bytes.length == 0) {
            throw new NotebookFormatException("The file is empty.");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new NotebookFormatException("The file is not UTF-8 text.", e);
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new NotebookFormatException("The file holds no JSON.");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new NotebookFormatException("The file is not valid JSON (is it truncated?): "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ".", e);
        }
    }
}
