package dev.forkbook.kernel;

import java.util.Map;

/**
 * One nbformat v4 output of an execution.
 *
 * <p>MIME data values are strings (text, or base64 for binary types) except JSON types
 * ({@code application/json} and {@code +json}), whose values are plain Java JSON trees: maps, lists,
 * strings, numbers, booleans and null.
 */
public sealed interface Output {

    /** The nbformat {@code output_type}. */
    String outputType();

    /** Text written to {@code stdout} or {@code stderr}. */
    record Stream(String name, String text) implements Output {
        @Override
        public String outputType() {
            return "stream";
        }
    }

    /**
     * A value shown with {@code display()}; {@code displayId} (may be null) names it for
     * {@code update_display}, which replaces it wherever it is shown. It is transient: files do not
     * keep it.
     */
    record DisplayData(Map<String, Object> data, Map<String, Object> metadata, String displayId)
            implements Output {
        public DisplayData {
            data = Map.copyOf(data);
            metadata = Map.copyOf(metadata);
        }

        public DisplayData(Map<String, Object> data, Map<String, Object> metadata) {
            this(data, metadata, null);
        }

        @Override
        public String outputType() {
            return "display_data";
        }
    }

    /** The value of a cell's last expression. */
    record ExecuteResult(int executionCount, Map<String, Object> data, Map<String, Object> metadata)
            implements Output {
        public ExecuteResult {
            data = Map.copyOf(data);
            metadata = Map.copyOf(metadata);
        }

        @Override
        public String outputType() {
            return "execute_result";
        }
    }
}
