package dev.forkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.forkbook.kernel.Output;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IpynbTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonSchema schema() throws IOException {
        try (InputStream in = IpynbTest.class.getResourceAsStream("/nbformat/nbformat.v4.5.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = IpynbTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void an_exported_path_validates_against_the_nbformat_4_5_schema() throws IOException {
        NotebookDocument document = ForkbookFormatTest.sample();
        JsonNode exported = JSON.readTree(Ipynb.export(document, "b2"));
        Set<ValidationMessage> problems = schema().validate(exported);
        assertTrue(problems.isEmpty(), problems.toString());
        JsonNode cells = exported.get("cells");
        assertEquals(3, cells.size(), "the path a, m, b2");
        assertEquals("markdown", cells.get(1).get("cell_type").asText());
        assertEquals("error", cells.get(2).get("outputs").get(1).get("output_type").asText());
    }

    @Test
    void the_schema_check_catches_a_broken_export() throws IOException {
        JsonNode broken = JSON.readTree(Ipynb.export(ForkbookFormatTest.sample(), "b1"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("cells").get(0)).remove("id");
        assertTrue(!schema().validate(broken).isEmpty());
    }

    @Test
    void importing_our_own_export_restores_every_branch() {
        NotebookDocument document = ForkbookFormatTest.sample();
        NotebookDocument imported = Ipynb.read(Ipynb.export(document, "b1"));
        assertEquals(ForkbookFormatTest.ids(document), ForkbookFormatTest.ids(imported));
        assertEquals("b1", imported.current());
    }

    @Test
    void a_jupyter_notebook_imports_as_one_branch_with_its_outputs() throws IOException {
        NotebookDocument imported = Ipynb.read(resource("/notebooks/jupyter-sample.ipynb"));
        List<CellNode> path = imported.tree().pathTo(imported.current());
        assertEquals(4, path.size());
        assertEquals(CellKind.MARKDOWN, path.get(0).kind());
        assertEquals("# Sales\n\nMonthly totals, $\\sum_i s_i$.", path.get(0).source());
        assertEquals("sales = [120, 95, 143]\nprint('loaded %d months' % len(sales))",
                path.get(1).source());
        assertEquals(List.of(new Output.Stream("stdout", "loaded 3 months\n")),
                path.get(1).outputs());
        assertEquals("358", ((Output.ExecuteResult) path.get(2).outputs().get(0)).data()
                .get("text/plain"));
        assertEquals("ZeroDivisionError", path.get(3).error().ename());
        assertEquals(CellStatus.NOT_LIVE, path.get(1).status());
        assertEquals("a0b1c2d3", path.get(1).id());
        assertNull(path.get(0).executionCount());
    }

    @Test
    void other_nbformat_versions_are_refused() {
        byte[] v2 = "{\"nbformat\": 2, \"cells\": []}".getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(NotebookFormatException.class, () -> Ipynb.read(v2)).getMessage()
                .contains("nbformat 3 and 4"));
    }

    @Test
    void an_nbformat_3_notebook_imports_converted_as_nbformat_does() throws IOException {
        NotebookDocument document = Ipynb.read(resource("/nbformat/v3-2014.ipynb"));
        List<CellNode> cells = document.tree().pathTo(document.current());
        assertEquals(4, cells.size(), "heading, markdown and two code cells");
        assertEquals("# Fibonacci", cells.get(0).source());
        assertEquals(CellKind.MARKDOWN, cells.get(0).kind());
        assertEquals("Some *text*.", cells.get(1).source());
        CellNode fib = cells.get(2);
        assertTrue(fib.source().startsWith("def fib(n):\n"), fib.source());
        assertEquals(1, fib.executionCount());
        assertEquals(new Output.Stream("stdout", "55\n"), fib.outputs().get(0));
        Output.ExecuteResult result = (Output.ExecuteResult) fib.outputs().get(1);
        assertEquals("6765", result.data().get("text/plain"));
        CellNode failed = cells.get(3);
        Output.DisplayData html = (Output.DisplayData) failed.outputs().get(0);
        assertEquals("<b>x</b>", html.data().get("text/html"));
        assertEquals("ZeroDivisionError", failed.error().ename());
        byte[] exported = Ipynb.export(document, document.current());
        Set<ValidationMessage> problems = schema().validate(JSON.readTree(exported));
        assertTrue(problems.isEmpty(), problems.toString());
    }
}
