package dev.forkbook.kernel.jython;

import static dev.forkbook.kernel.jython.KernelFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.KernelOptions;
import dev.forkbook.kernel.Output;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DisplayProtocolTest {

    private static JythonKernel kernel;

    @BeforeAll
    static void start() {
        kernel = new JythonKernel(KernelOptions.defaults().withMaxReprSize(1000));
    }

    @AfterAll
    static void stop() {
        kernel.close();
    }

    private static Map<String, Object> onlyDisplay(ExecutionResult result) {
        assertTrue(result.succeeded(), () -> String.valueOf(result.error()));
        List<Output> displays = result.outputs().stream()
                .filter(o -> o instanceof Output.DisplayData).toList();
        assertEquals(1, displays.size(), result.outputs().toString());
        return ((Output.DisplayData) displays.get(0)).data();
    }

    @Test
    void display_emits_display_data_and_is_never_stored_in_a_state() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, "display(42)");
        assertEquals(Map.of("text/plain", "42"), onlyDisplay(result));
        assertFalse(kernel.getState(result.stateName()).orElseThrow().variables()
                .containsKey("display"));
    }

    @Test
    void repr_methods_become_mime_types_and_none_results_are_skipped() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, String.join("\n",
                "class Rich(object):",
                "    def _repr_html_(self): return '<b>hi</b>'",
                "    def _repr_markdown_(self): return '**hi**'",
                "    def _repr_latex_(self): return '$x$'",
                "    def _repr_svg_(self): return '<svg/>'",
                "    def _repr_json_(self): return {'a': [1, 2.5, None, True]}",
                "    def _repr_png_(self): return None",
                "    def __repr__(self): return 'Rich()'",
                "display(Rich())"));
        Map<String, Object> data = onlyDisplay(result);
        assertEquals("<b>hi</b>", data.get("text/html"));
        assertEquals("**hi**", data.get("text/markdown"));
        assertEquals("$x$", data.get("text/latex"));
        assertEquals("<svg/>", data.get("image/svg+xml"));
        assertEquals("Rich()", data.get("text/plain"));
        assertEquals(Map.of("a", java.util.Arrays.asList(1, 2.5, null, true)),
                data.get("application/json"));
        assertFalse(data.containsKey("image/png"));
    }

    @Test
    void binary_reprs_are_base64() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, String.join("\n",
                "class Pic(object):",
                "    def _repr_png_(self): return '\\x89PNG\\r\\n\\x1a\\n\\x00\\xff'",
                "Pic()"));
        Output.ExecuteResult value = (Output.ExecuteResult) result.outputs().get(0);
        byte[] decoded = Base64.getDecoder().decode((String) value.data().get("image/png"));
        assertEquals(0x89, decoded[0] & 0xff);
        assertEquals(0xff, decoded[decoded.length - 1] & 0xff);
    }

    @Test
    void a_mimebundle_dict_or_data_metadata_tuple_is_used() {
        ExecutionResult dict = run(kernel, Kernel.INITIAL_STATE, String.join("\n",
                "class B(object):",
                "    def _repr_mimebundle_(self, include=None, exclude=None):",
                "        return {'text/html': '<i>b</i>', 'text/plain': 'B!'}",
                "    def _repr_html_(self): return 'ignored'",
                "B()"));
        Output.ExecuteResult value = (Output.ExecuteResult) dict.outputs().get(0);
        assertEquals("<i>b</i>", value.data().get("text/html"));
        assertEquals("B!", value.data().get("text/plain"));

        ExecutionResult tuple = run(kernel, Kernel.INITIAL_STATE, String.join("\n",
                "class T(object):",
                "    def _repr_mimebundle_(self, **kw):",
                "        return ({'image/svg+xml': '<svg/>'}, {'image/svg+xml': {'isolated': True}})",
                "display(T())"));
        Output.DisplayData shown = (Output.DisplayData) tuple.outputs().get(0);
        assertEquals("<svg/>", shown.data().get("image/svg+xml"));
        assertEquals(Map.of("image/svg+xml", Map.of("isolated", true)), shown.metadata());
    }

    @Test
    void ipython_display_hook_is_called_with_or_without_a_display_argument() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, String.join("\n",
                "class Seedy(object):",
                "    def _ipython_display_(self, display):",
                "        display('from seed style')",
                "class Ipy(object):",
                "    def _ipython_display_(self):",
                "        display('from ipython style')",
                "display(Seedy())",
                "Ipy()"));
        assertTrue(result.succeeded(), String.valueOf(result.error()));
        List<Object> shown = result.outputs().stream()
                .map(o -> ((Output.DisplayData) o).data().get("text/plain")).toList();
        assertEquals(List.of("'from seed style'", "'from ipython style'"), shown);
    }

    @Test
    void a_failing_repr_method_is_skipped_and_a_failing_repr_is_reported() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, String.join("\n",
                "class Bad(object):",
                "    def _repr_html_(self): raise ValueError('x')",
                "    def __repr__(self): raise ValueError('y')",
                "Bad()"));
        Output.ExecuteResult value = (Output.ExecuteResult) result.outputs().get(0);
        assertEquals(Map.of("text/plain", "<repr failed>"), value.data());
    }

    @Test
    void outputs_are_capped_at_max_repr_size() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE, String.join("\n",
                "class Big(object):",
                "    def _repr_html_(self): return 'h' * 5000",
                "    def _repr_svg_(self): return '<svg/>'",
                "    def __repr__(self): return 'r' * 5000",
                "Big()"));
        Output.ExecuteResult value = (Output.ExecuteResult) result.outputs().get(0);
        assertFalse(value.data().containsKey("text/html"));
        assertEquals("<svg/>", value.data().get("image/svg+xml"));
        String plain = (String) value.data().get("text/plain");
        assertEquals("r".repeat(1000) + "\n... [truncated]", plain);
    }

    @Test
    void outputs_keep_the_order_in_which_they_happened() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE,
                "print('one')\ndisplay('two')\nprint('three')\n'four'");
        List<String> kinds = result.outputs().stream().map(Output::outputType).toList();
        assertEquals(List.of("stream", "display_data", "stream", "execute_result"), kinds);
    }

    @Test
    void unicode_output_round_trips() {
        ExecutionResult result = run(kernel, Kernel.INITIAL_STATE,
                "print(u'caf\\u00e9 \\u2603')\nprint('snow \u2603')");
        assertEquals("caf\u00e9 \u2603\nsnow \u2603\n", result.streamText("stdout"));
    }
}
