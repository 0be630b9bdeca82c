package dev.forkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.kernel.Output;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForkbookFormatTest {

    /** A small tree with two branches, markdown, every output kind and an error. */
    static NotebookDocument sample() {
        NotebookTree tree = new NotebookTree();
        Instant when = Instant.parse("2026-11-24T10:00:00Z");
        tree.add(new CellNode("a", "initial", CellKind.CODE, "x = 1\nprint(x)", CellStatus.OK,
                List.of(new Output.Stream("stdout", "1\n")), null, 1, "e1", when, 5, false));
        tree.add(new CellNode("m", "a", CellKind.MARKDOWN, "# Two ideas", CellStatus.STATIC,
                List.of(), null, null, null, when, 0, false));
        tree.add(new CellNode("b1", "m", CellKind.CODE, "x + 1", CellStatus.OK,
                List.of(new Output.ExecuteResult(2, Map.of("text/plain", "2"), Map.of())), null, 2,
                "e2", when, 3, false));
        tree.add(new CellNode("b2", "m", CellKind.CODE, "display(x)\n1/0", CellStatus.ERROR,
                List.of(new Output.DisplayData(Map.of("text/plain", "1", "text/html", "<b>1</b>",
                        "application/json", Map.of("k", List.of(1, 2))), Map.of())),
                new ExecutionError("ZeroDivisionError", "integer division or modulo by zero",
                        List.of("Traceback (most recent call last):", "ZeroDivisionError: x")),
                3, "e3", when, 4, false));
        return new NotebookDocument(tree, "b1");
    }

    @Test
    void a_document_survives_write_then_read_unchanged() {
        NotebookDocument original = sample();
        byte[] bytes = ForkbookFormat.write(original);
        NotebookDocument read = ForkbookFormat.read(bytes);
        assertEquals("b1", read.current());
        assertEquals(ids(original), ids(read));
        for (CellNode node : original.tree().depthFirst()) {
            CellNode copy = read.tree().get(node.id());
            assertEquals(node.parentId(), copy.parentId());
            assertEquals(node.kind(), copy.kind());
            assertEquals(node.source(), copy.source());
            assertEquals(node.outputs(), copy.outputs());
            assertEquals(node.error(), copy.error());
            assertEquals(node.executionCount(), copy.executionCount());
        }
        assertArrayEquals(bytes, ForkbookFormat.write(read), "writing is deterministic");
    }

    @Test
    void the_file_remembers_the_kernel_kind_and_url_but_no_token() {
        NotebookDocument remote = new NotebookDocument(sample().tree(), "b1",
                new KernelChoice("seed", "http://10.0.0.5:8080"));
        byte[] bytes = ForkbookFormat.write(remote);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"kernel\" : {\n    \"kind\" : \"seed\",\n    \"url\" : "
                + "\"http://10.0.0.5:8080\"\n  }"), text);
        assertEquals(new KernelChoice("seed", "http://10.0.0.5:8080"),
                ForkbookFormat.read(bytes).kernel());
        assertEquals(null, ForkbookFormat.read(ForkbookFormat.write(sample())).kernel(),
                "a file that names no kernel runs on the embedded one");
    }

    @Test
    void a_name_given_to_a_cell_is_saved_and_read_back() {
        NotebookDocument original = sample();
        assertTrue(!new String(ForkbookFormat.write(original), StandardCharsets.UTF_8)
                .contains("\"label\""), "unnamed cells write no label");
        original.tree().setLabel("b1", "  the plus-one idea ");
        NotebookDocument read = ForkbookFormat.read(ForkbookFormat.write(original));
        assertEquals("the plus-one idea", read.tree().label("b1"));
        assertEquals(null, read.tree().label("a"));
        original.tree().setLabel("b1", " ");
        assertEquals(null, original.tree().label("b1"), "a blank name removes it");
    }

    @Test
    void collapsed_subtrees_are_saved_and_come_back_collapsed() {
        NotebookDocument original = sample();
        assertTrue(!new String(ForkbookFormat.write(original), StandardCharsets.UTF_8)
                .contains("\"collapsed\""), "a notebook with nothing folded writes no list");
        original.tree().setCollapsed("m", true);
        original.tree().setCollapsed(NotebookTree.ROOT_ID, true);
        NotebookDocument read = ForkbookFormat.read(ForkbookFormat.write(original));
        assertTrue(read.tree().isCollapsed("m"));
        assertTrue(read.tree().isCollapsed(NotebookTree.ROOT_ID), "the root can be folded too");
        assertTrue(!read.tree().isCollapsed("a"));
        read.tree().setCollapsed("m", false);
        assertEquals(List.of(NotebookTree.ROOT_ID), List.copyOf(ForkbookFormat.read(
                ForkbookFormat.write(read)).tree().collapsedIds()), "expanding is saved too");
        NotebookDocument unknown = ForkbookFormat.read(new String(ForkbookFormat.write(sample()),
                StandardCharsets.UTF_8).replace("\"cells\" :", "\"collapsed\" : [\"gone\", 7],\n"
                        + "  \"cells\" :").getBytes(StandardCharsets.UTF_8));
        assertTrue(unknown.tree().collapsedIds().isEmpty(), "ids of cells not in the file are "
                + "left out");
    }

    @Test
    void reopened_code_cells_are_not_live() {
        NotebookDocument read = ForkbookFormat.read(ForkbookFormat.write(sample()));
        assertEquals(CellStatus.NOT_LIVE, read.tree().get("a").status());
        assertEquals(CellStatus.STATIC, read.tree().get("m").status());
    }

    @Test
    void the_file_is_pretty_printed_with_a_stable_key_order() {
        String text = new String(ForkbookFormat.write(sample()), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\n  \"format\" : \"forkbook\",\n  \"version\" : 1,\n"), text);
        assertTrue(text.indexOf("\"application/json\"") < text.indexOf("\"text/html\""),
                "MIME types are sorted");
        assertTrue(text.endsWith("}\n"));
    }

    @Test
    void a_newer_version_is_refused_with_a_clear_message() {
        String newer = "{\"format\": \"forkbook\", \"version\": 99, \"cells\": []}";
        NotebookFormatException error = assertThrows(NotebookFormatException.class,
                () -> ForkbookFormat.read(newer.getBytes(StandardCharsets.UTF_8)));
        assertTrue(error.getMessage().contains("newer Forkbook"), error.getMessage());
    }

    @Test
    void corrupt_files_are_refused_with_a_clear_message() {
        byte[] good = ForkbookFormat.write(sample());
        assertMessage(new byte[0], "empty");
        assertMessage(Arrays.copyOf(good, good.length / 2), "truncated");
        assertMessage(new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'}, "not UTF-8");
        assertMessage("{\"cells\": []}".getBytes(StandardCharsets.UTF_8), "not a Forkbook");
        assertMessage(("{\"format\": \"forkbook\", \"version\": 1, \"cells\": [{\"id\": \"x\", "
                + "\"parent\": \"nowhere\"}]}").getBytes(StandardCharsets.UTF_8), "parent nowhere");
    }

    private static void assertMessage(byte[] bytes, String fragment) {
        NotebookFormatException error = assertThrows(NotebookFormatException.class,
                () -> ForkbookFormat.read(bytes));
        assertTrue(error.getMessage().contains(fragment), error.getMessage());
    }

    static List<String> ids(NotebookDocument document) {
        return document.tree().depthFirst().stream().map(CellNode::id).toList();
    }
}
