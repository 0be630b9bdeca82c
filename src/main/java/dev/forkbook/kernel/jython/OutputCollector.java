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

    synchronized void write(String stream, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!items.isEmpty() && items.get(items.size() - 1) instanceof StreamBuffer last
                && last.name.equals(stream)) {
            last.text.append(text);
        } else {
            items.add(new StreamBuffer(stream, new StringBuilder(text)));
        }
    }

    synchronized void add(Output output) {
        items.add(output);
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
