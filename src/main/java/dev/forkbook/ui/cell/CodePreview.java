package dev.forkbook.ui.cell;

import java.util.Collection;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;

/**
 * A cell's code as highlighted, read-only text: a fraction of an editor's cost, so a path of hundreds
 * of cells opens fast. The notebook swaps in a {@link CodeEditor} when the user clicks it.
 */
public final class CodePreview extends TextFlow {

    public CodePreview(String code) {
        getStyleClass().add("code-preview");
        StyleSpans<Collection<String>> spans = PythonHighlighter.highlight(code);
        int position = 0;
        for (StyleSpan<Collection<String>> span : spans) {
            Text text = new Text(code.substring(position, position + span.getLength()));
            text.getStyleClass().add("code-text");
            text.getStyleClass().addAll(span.getStyle());
            getChildren().add(text);
            position += span.getLength();
        }
        if (code.isEmpty()) {
            getChildren().add(new Text(" "));
        }
    }
}
