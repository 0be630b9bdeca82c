package dev.forkbook.kernel.jython;

import dev.forkbook.kernel.Output;
import java.util.ArrayList;
import java.util.List;

/**
 * The outputs of one execution in the order they happened. Consecutive writes to the same stream are
 * merged into one stream output, as Jupyter front ends do.
 */
final class OutputCollector {

    private final List<Object> items = new ArrayList<>();
    private boolean clearBeforeNextOutput;

    synchronized void write(String stream, String text) {
        if (text.isEmpty()) {
            return;
        }
        clearIfWaiting();
        if (!items.isEmpty() && items.get(items.size() - 1) instanceof StreamBuffer last
                && last.name.equals(stream)) {
            last.text.append(text);
        } else {
            items.add(new StreamBuffer(stream, new StringBuilder(text)));
        }
    }

    synchronized void add(Output output) {
        clearIfWaiting();
        items.add(output);
    }

    /**
     * Replaces this execution's outputs that carry {@code displayId}; returns false when it showed
     * none (the id belongs to an earlier execution).
     */
    synchronized boolean replaceDisplay(String displayId, Output.DisplayData replacement) {
        boolean replaced = false;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Output.DisplayData shown
                    && displayId.equals(shown.displayId())) {
                items.set(i, replacement);
                replaced = true;
            }
        }
        return replaced;
    }

    /** {@code clear_output()}: drops the outputs so far, now or (wait) when the next one arrives. */
    synchronized void clear(boolean wait) {
        if (wait) {
            clearBeforeNextOutput = true;
        } else {
            items.clear();
        }
    }

    private void clearIfWaiting() {
        if (clearBeforeNextOutput) {
            clearBeforeNextOutput = false;
            items.clear();
        }
    }

    synchronized List<Output> outputs() {
        List<Output> outputs = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof StreamBuffer buffer) {
                outputs.add(new Output.Stream(buffer.name, buffer.text.toString()));
            } else {
                outputs.add((Output) item);
            }
        }
        return outputs;
    }

    private record StreamBuffer(String name, StringBuilder text) {
    }
}
