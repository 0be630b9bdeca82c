package dev.forkbook.kernel.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.kernel.KernelOptions;
import dev.forkbook.kernel.Output;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Outputs reach subscribers while the cell runs, coalesced, and stream text is capped. */
class StreamingOutputTest {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static JythonKernel kernel;
    private static JythonKernel capped;

    @BeforeAll
    static void start() {
        kernel = new JythonKernel();
        capped = new JythonKernel(KernelOptions.defaults().withMaxOutputChars(1000));
    }

    @AfterAll
    static void stop() {
        kernel.close();
        capped.close();
    }

    /** Events of one execution, in order. */
    private static BlockingQueue<KernelEvent> eventsOf(Kernel kernel, String execId) {
        BlockingQueue<KernelEvent> events = new LinkedBlockingQueue<>();
        kernel.subscribe(event -> {
            if (event instanceof KernelEvent.OutputProduced produced
                    && produced.execId().equals(execId)
                    || event instanceof KernelEvent.OutputCleared cleared
                    && cleared.execId().equals(execId)) {
                events.add(event);
            }
        });
        return events;
    }

    private static ExecutionResult run(Kernel kernel, String execId, String code) {
        return kernel.execute(ExecuteRequest.of(code, execId, Kernel.INITIAL_STATE));
    }

    @Test
    void printed_text_reaches_subscribers_while_the_cell_is_still_running() throws Exception {
        String execId = "stream-" + IDS.incrementAndGet();
        String gate = "forkbook.test.gate." + execId;
        BlockingQueue<KernelEvent> events = eventsOf(kernel, execId);
        CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(() -> run(
                kernel, execId, "import time\nfrom java.lang import System\nprint('first')\n"
                        + "while System.getProperty('" + gate + "') is None:\n"
                        + "    time.sleep(0.005)\nprint('second')"));
        // The cell cannot finish until this event has arrived: all-at-the-end cannot pass.
        KernelEvent first = events.poll(20, TimeUnit.SECONDS);
        assertNotNull(first, "no output event while the cell was running");
        assertFalse(running.isDone());
        assertEquals(new Output.Stream("stdout", "first\n"),
                ((KernelEvent.OutputProduced) first).output());
        System.setProperty(gate, "go");
        ExecutionResult result = running.get(20, TimeUnit.SECONDS);
        assertTrue(result.succeeded(), String.valueOf(result.error()));
        assertEquals(List.of(new Output.Stream("stdout", "first\nsecond\n")), result.outputs());
        KernelEvent second = events.poll(5, TimeUnit.SECONDS);
        assertEquals(new Output.Stream("stdout", "second\n"),
                ((KernelEvent.OutputProduced) second).output());
    }

    @Test
    void a_tight_print_loop_is_coalesced_into_few_events_that_add_up_to_the_whole_text()
            throws Exception {
        String execId = "burst-" + IDS.incrementAndGet();
        BlockingQueue<KernelEvent> events = eventsOf(kernel, execId);
        ExecutionResult result = run(kernel, execId, "for i in range(3000): print(i)");
        assertTrue(result.succeeded(), String.valueOf(result.error()));
        String whole = ((Output.Stream) result.outputs().get(0)).text();
        StringBuilder streamed = new StringBuilder();
        int count = 0;
        // Events reach listeners on their own thread: collect until the whole text has arrived.
        for (KernelEvent event; streamed.length() < whole.length()
                && (event = events.poll(10, TimeUnit.SECONDS)) != null; count++) {
            streamed.append(((Output.Stream) ((KernelEvent.OutputProduced) event).output()).text());
        }
        assertEquals(whole, streamed.toString());
        assertTrue(count < 300, "3000 prints gave " + count + " events");
    }

    @Test
    void displays_and_the_result_are_published_as_they_happen_and_clear_output_is_an_event()
            throws Exception {
        String execId = "display-" + IDS.incrementAndGet();
        BlockingQueue<KernelEvent> events = eventsOf(kernel, execId);
        ExecutionResult result = run(kernel, execId, "from IPython.display import HTML, "
                + "clear_output\nprint('a')\ndisplay(HTML('<b>x</b>'))\nclear_output(wait=True)\n"
                + "print('b')\n40 + 2");
        assertTrue(result.succeeded(), String.valueOf(result.error()));
        // Listeners get events on their own thread: wait for the last one.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (events.size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        List<KernelEvent> seen = List.copyOf(events);
        assertEquals(5, seen.size(), seen.toString());
        assertEquals(new Output.Stream("stdout", "a\n"),
                ((KernelEvent.OutputProduced) seen.get(0)).output());
        assertEquals("<b>x</b>", ((Output.DisplayData) ((KernelEvent.OutputProduced) seen.get(1))
                .output()).data().get("text/html"));
        assertEquals(new KernelEvent.OutputCleared(execId, true), seen.get(2));
        assertEquals(new Output.Stream("stdout", "b\n"),
                ((KernelEvent.OutputProduced) seen.get(3)).output());
        assertTrue(((KernelEvent.OutputProduced) seen.get(4)).output()
                instanceof Output.ExecuteResult);
        assertEquals(2, result.outputs().size(), "clear_output(wait) dropped what came before");
    }

    @Test
    void stream_text_over_the_cap_keeps_its_head_and_its_tail_with_one_marker() {
        // 200 lines of 11 characters: 2,200 characters against a cap of 1,000.
        ExecutionResult result = run(capped, "cap-" + IDS.incrementAndGet(),
                "for i in range(200): print('line %05d' % i)");
        assertTrue(result.succeeded(), String.valueOf(result.error()));
        assertEquals(1, result.outputs().size(), result.outputs().toString());
        String text = ((Output.Stream) result.outputs().get(0)).text();
        assertTrue(text.startsWith("line 00000\nline 00001\n"), text);
        assertTrue(text.endsWith("line 00198\nline 00199\n"), text);
        assertTrue(text.contains("[... 1,200 characters of output dropped ...]"), text);
        String marker = "\n[... 1,200 characters of output dropped ...]\n";
        assertEquals(1000 + marker.length(), text.length());
        assertEquals(text.indexOf(marker), text.lastIndexOf(marker));
    }

    @Test
    void the_cap_counts_stdout_and_stderr_together_and_keeps_their_order() {
        ExecutionResult result = run(capped, "cap-" + IDS.incrementAndGet(),
                "import sys\nfor i in range(100):\n    sys.stdout.write('o' * 9 + '\\n')\n"
                        + "    sys.stderr.write('e' * 9 + '\\n')");
        assertTrue(result.succeeded(), String.valueOf(result.error()));
        int kept = 0;
        for (Output output : result.outputs()) {
            kept += ((Output.Stream) output).text().replaceAll("\\n\\[\\.\\.\\. [0-9,]+ characters "
                    + "of output dropped \\.\\.\\.\\]\\n", "").length();
        }
        assertEquals(1000, kept);
        Output last = result.outputs().get(result.outputs().size() - 1);
        assertEquals(new Output.Stream("stderr", "eeeeeeeee\n"), last);
    }

    @Test
    void one_huge_write_is_cut_to_head_and_tail() {
        ExecutionResult result = run(capped, "huge-" + IDS.incrementAndGet(),
                "import sys\nsys.stdout.write('a' * 5000 + 'b' * 5000)");
        String text = ((Output.Stream) result.outputs().get(0)).text();
        assertTrue(text.startsWith("a".repeat(500) + "\n[... 9,000 characters"), text);
        assertTrue(text.endsWith("]\n" + "b".repeat(500)), text);
    }
}
