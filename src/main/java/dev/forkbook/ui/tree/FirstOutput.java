package dev.forkbook.ui.tree;

import dev.forkbook.kernel.Output;
import dev.forkbook.notebook.CellNode;

/** The start of what a cell printed or returned, for its tooltip in the graph. */
final class FirstOutput {

    static final int MAX_CHARS = 300;

    private FirstOutput() {
    }

    /** The error line, else the first text the cell showed (stream or text/plain), cut short. */
    static String of(CellNode node) {
        if (node.error() != null) {
            return cut(node.error().ename() + ": " + node.error().evalue());
        }
        for (Output output : node.outputs()) {
            String text = null;
            if (output instanceof Output.Stream stream) {
                text = stream.text();
            } else if (output instanceof Output.ExecuteResult result) {
                text = String.valueOf(result.data().get("text/plain"));
            } else if (output instanceof Output.DisplayData display) {
                Object plain = display.data().get("text/plain");
                text = plain == null ? "(" + String.join(", ", display.data().keySet()) + ")"
                        : plain.toString();
            }
            if (text != null && !text.isBlank()) {
                return cut(text.strip());
            }
        }
        return "";
    }

    private static String cut(String text) {
        String[] lines = text.split("\n", 6);
        String head = lines.length > 5 ? String.join("\n", java.util.Arrays.copyOf(lines, 5)) + "\n…"
                : text;
        return head.length() > MAX_CHARS ? head.substring(0, MAX_CHARS) + "…" : head;
    }
}
