package dev.forkbook.ui.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;

/** Highlighting results as "text=style" for every styled run, in order. */
final class StyledRuns {

    private StyledRuns() {
    }

    static List<String> of(String text, StyleSpans<Collection<String>> spans) {
        List<String> runs = new ArrayList<>();
        int position = 0;
        for (StyleSpan<Collection<String>> span : spans) {
            if (!span.getStyle().isEmpty()) {
                runs.add(text.substring(position, position + span.getLength()) + "="
                        + span.getStyle().iterator().next());
            }
            position += span.getLength();
        }
        assertEquals(text.length(), position, "spans cover the whole text");
        return runs;
    }
}
