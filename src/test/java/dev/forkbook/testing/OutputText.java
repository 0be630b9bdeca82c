package dev.forkbook.testing;

import dev.forkbook.kernel.Output;
import java.util.List;

/** What a person reads in a cell's outputs: stream text and each result's text/plain, in order. */
public final class OutputText {

    private OutputText() {
    }

    public static String of(List<Output> outputs) {
        StringBuilder text = new StringBuilder();
        for (Output output : outputs) {
            if (output instanceof Output.Stream stream) {
                text.append(stream.text());
            } else if (output instanceof Output.ExecuteResult result) {
                text.append(result.data().get("text/plain"));
            }
        }
        return text.toString();
    }
}
