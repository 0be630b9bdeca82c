package dev.forkbook.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.Output;
import dev.forkbook.kernel.jython.JythonKernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forkbook bench --corpus} on two tiny notebooks run by a real Jython kernel. */
class NotebookCorpusTest {

    @TempDir
    Path dir;

    private static String cell(String source, String outputs) {
        return "{\"cell_type\": \"code\", \"execution_count\": 1, \"metadata\": {}, \"source\": "
                + source + ", \"outputs\": [" + outputs + "]}";
    }

    private static String stream(String text) {
        return "{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": " + text + "}";
    }

    private static String result(String plain) {
        return "{\"output_type\": \"execute_result\", \"execution_count\": 1, \"metadata\": {}, "
                + "\"data\": {\"text/plain\": " + plain + "}}";
    }

    private static final String ERROR = "{\"output_type\": \"error\", \"ename\": \"ZeroDivisionError\","
            + " \"evalue\": \"division by zero\", \"traceback\": []}";

    private Path notebook(String name, String... cells) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, "
                + "\"cells\": [" + String.join(", ", cells) + "]}");
        return file;
    }

    /**
     * Passes: saved outputs with trailing spaces, a cell that raised on purpose after binding a name
     * used below (as in one Jupyter kernel), a file it reads.
     */
    private Path passing() throws IOException {
        Files.writeString(dir.resolve("words.txt"), "alpha beta\n");
        return notebook("a-passing.ipynb",
                cell("\"words = open('words.txt').read().split()\\nprint(len(words))\"",
                        stream("\"2  \\n\"")),
                cell("\"second = 1\\n1 / 0\"", ERROR),
                cell("\"words[second]\"", result("\"'beta'\"")),
                cell("\"print('changed')\"", stream("\"saved\\n\"")));
    }

    /** Fails at its second cell, which raised nothing when it was saved. */
    private Path failing() throws IOException {
        return notebook("b-failing.ipynb",
                cell("\"x = 1\"", ""),
                cell("\"undefined_name + 1\"", result("\"2\"")),
                cell("\"x\"", result("\"1\"")));
    }

    @Test
    void running_a_notebook_leaves_the_interpreter_in_the_working_directory_it_had() throws Exception {
        new NotebookCorpus(JythonKernel::new, 60_000).run(passing(), "passing");

        try (JythonKernel kernel = new JythonKernel()) {
            dev.forkbook.kernel.ExecutionResult cwd = kernel.execute(dev.forkbook.kernel
                    .ExecuteRequest.of("import os\nos.getcwd()", "cwd", "initial"));
            Output.ExecuteResult value = (Output.ExecuteResult) cwd.outputs().get(0);
            assertEquals("'" + System.getProperty("user.dir") + "'",
                    value.data().get("text/plain"));
        }
    }

    @Test
    void aNotebookThatRunsToTheEndCountsEveryCellAndTheOutputsThatMatch() throws Exception {
        NotebookCorpus.Outcome outcome = new NotebookCorpus(JythonKernel::new, 60_000)
                .run(passing(), "passing");

        assertTrue(outcome.ranToEnd(), outcome.error());
        assertEquals(4, outcome.cellsRun());
        assertEquals(0, outcome.failedCell());
        assertEquals(3, outcome.compared(), "the error cell has no text on either side");
        assertEquals(2, outcome.matching(), "the print and the result match, the changed print not");
    }

    @Test
    void aNotebookStopsAtTheFirstUnexpectedErrorAndNamesIt() throws Exception {
        NotebookCorpus.Outcome outcome = new NotebookCorpus(JythonKernel::new, 60_000)
                .run(failing(), "failing");

        assertFalse(outcome.ranToEnd());
        assertEquals(2, outcome.failedCell());
        assertEquals(2, outcome.cellsRun());
        assertEquals(3, outcome.cells());
        assertTrue(outcome.error().startsWith("NameError"), outcome.error());
    }

    @Test
    void theSummaryCountsOnlyTheNotebooksCPythonRunsToTheEnd() {
        List<NotebookCorpus.Outcome> outcomes = List.of(
                new NotebookCorpus.Outcome("a", true, 4, 4, 0, "", 3, 2),
                new NotebookCorpus.Outcome("b", false, 3, 2, 2, "NameError: x", 1, 0),
                new NotebookCorpus.Outcome("c", false, 5, 1, 1, "IOError: data", 0, 0));

        assertEquals("1 of 2 run to the end (of those CPython 3 runs), 6 of 7 cells run, 2 of 4 "
                + "outputs matching; all 3 notebooks: 1 run to the end",
                NotebookCorpus.summary(outcomes, Set.of("a", "b")));
        assertEquals("1 of 3 run to the end (CPython 3 not measured), 7 of 12 cells run, 2 of 4 "
                + "outputs matching; all 3 notebooks: 1 run to the end",
                NotebookCorpus.summary(outcomes, null));
    }

    @Test
    void comparedTextIgnoresTrailingWhitespaceButNotOtherDifferences() {
        List<Output> saved = List.of(new Output.Stream("stdout", "a  \nb\n\n"),
                new Output.ExecuteResult(3, Map.of("text/plain", "{1, 2}"), Map.of()));
        List<Output> same = List.of(new Output.Stream("stdout", "a\nb"),
                new Output.ExecuteResult(7, Map.of("text/plain", "{1, 2} "), Map.of()));
        List<Output> python2 = List.of(new Output.Stream("stdout", "a\nb"),
                new Output.ExecuteResult(7, Map.of("text/plain", "set([1, 2])"), Map.of()));

        assertEquals(NotebookCorpus.text(saved), NotebookCorpus.text(same));
        assertFalse(NotebookCorpus.text(saved).equals(NotebookCorpus.text(python2)));
    }

    @Test
    void theCorpusRunPrintsALinePerNotebookAndTheSummaryWithCPythonAsDenominator()
            throws Exception {
        passing();
        failing();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        List<NotebookCorpus.Outcome> outcomes = NotebookCorpus.runAll(dir, JythonKernel::new,
                60_000, "/usr/bin/python3", new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String report = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, outcomes.size());
        assertTrue(report.contains("a-passing.ipynb"), report);
        assertTrue(report.contains("FAIL at cell 2: NameError"), report);
        assertTrue(report.contains("1 of 1 run to the end (of those CPython 3 runs)"), report);
    }
}
