package dev.forkbook.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLineTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine commandLine = Launcher.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void help_lists_the_commands() {
        Run run = run("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("serve") && run.out().contains("bench"), run.out());
    }

    @Test
    void serve_help_shows_the_seed_flags_and_defaults() {
        Run run = run("serve", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("--bind") && run.out().contains("127.0.0.1:8080"), run.out());
        assertTrue(run.out().contains("--token") && run.out().contains("--max-repr-size"), run.out());
    }

    @Test
    void version_is_available_on_every_command() {
        for (String[] args : new String[][] {{"--version"}, {"serve", "--version"},
            {"bench", "--version"}}) {
            Run run = run(args);
            assertEquals(0, run.exitCode());
            assertTrue(run.out().startsWith("forkbook "), run.out());
        }
    }

    @Test
    void a_bad_bind_address_is_a_usage_error() {
        Run run = run("serve", "--bind", "nonsense");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("HOST:PORT"), run.err());
    }

    @Test
    void a_busy_port_is_reported_in_one_plain_line() throws Exception {
        java.io.PrintStream originalErr = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            Run run = run("serve", "--bind", "127.0.0.1:" + taken.getLocalPort(), "--token", "t");
            assertEquals(1, run.exitCode());
        } finally {
            System.setErr(originalErr);
        }
        String printed = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, printed.lines().count(), printed);
        assertTrue(printed.startsWith("Cannot listen on 127.0.0.1:") && !printed.contains("ERROR"),
                printed);
    }

    @Test
    void generated_tokens_are_long_and_random() {
        String first = ServeCommand.newToken();
        assertEquals(48, first.length());
        assertTrue(!first.equals(ServeCommand.newToken()));
    }
}
