package dev.forkbook.ui.output;

import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.kernel.Output;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;

/**
 * The outputs of one cell as nodes: streams and plain text as monospace labels (long ones capped
 * behind a "show all" link), errors as tracebacks, PNG/JPEG as images, and consecutive rich outputs
 * combined into one web page — so a cell gets at most a few WebViews, created only when
 * {@link #materialize()} is called (when the cell scrolls into view).
 */
public final class OutputView extends VBox {

    /** Text longer than this many lines is shown capped, with a control to show all. */
    public static final int MAX_LINES = 60;
    /** Text longer than this many characters is shown capped too (long lines). */
    public static final int MAX_CHARS = 20_000;

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final SecureRandom NONCES = new SecureRandom();

    private final LinkOpener links;
    private final List<Runnable> pending = new ArrayList<>();

    public OutputView(List<Output> outputs, ExecutionError error, LinkOpener links) {
        this.links = links;
        getStyleClass().add("outputs");
        // Wide content (images) scales to the column instead of widening it.
        setMinWidth(0);
        List<OutputHtml.Part> web = new ArrayList<>();
        boolean webTrusted = false;
        for (Output output : outputs) {
            if (output instanceof Output.Stream stream) {
                flush(web, webTrusted);
                getChildren().add(text(stream.text(), "stream-" + stream.name()));
                continue;
            }
            Map<String, Object> data = output instanceof Output.DisplayData display ? display.data()
                    : ((Output.ExecuteResult) output).data();
            String mime = MimeChoice.best(data).orElse(null);
            if (mime == null) {
                continue;
            }
            if (MimeChoice.needsWebView(mime)) {
                boolean trusted = MimeChoice.isTrusted(mime);
                if (!web.isEmpty() && trusted != webTrusted) {
                    flush(web, webTrusted);
                }
                webTrusted = trusted;
                web.add(new OutputHtml.Part(mime, data.get(mime)));
            } else {
                flush(web, webTrusted);
                Node shown = mime.startsWith("image/") ? image((String) data.get(mime))
                        : text(String.valueOf(data.get(mime)), "result");
                getChildren().add(output instanceof Output.ExecuteResult result
                        ? withOutPrompt(shown, result.executionCount()) : shown);
            }
        }
        flush(web, webTrusted);
        if (error != null) {
            List<String> lines = error.traceback().isEmpty()
                    ? List.of(error.ename() + ": " + error.evalue()) : error.traceback();
            getChildren().add(text(ANSI.matcher(String.join("\n", lines)).replaceAll(""), "error"));
        }
    }

    /** Creates the web views this output needs; cheap to call again. */
    public void materialize() {
        List<Runnable> work = List.copyOf(pending);
        pending.clear();
        work.forEach(Runnable::run);
    }

    public boolean isMaterialized() {
        return pending.isEmpty();
    }

    private void flush(List<OutputHtml.Part> parts, boolean trusted) {
        if (parts.isEmpty()) {
            return;
        }
        List<OutputHtml.Part> page = List.copyOf(parts);
        parts.clear();
        Label placeholder = new Label("…");
        placeholder.getStyleClass().add("output-placeholder");
        int index = getChildren().size();
        getChildren().add(placeholder);
        pending.add(() -> {
            String html = trusted ? OutputHtml.trustedPage(page, nonce())
                    : OutputHtml.untrustedPage(neutralizeRefresh(page));
            getChildren().set(getChildren().indexOf(placeholder) >= 0
                    ? getChildren().indexOf(placeholder) : index, new RichWebView(html, links));
        });
    }

    /**
     * A {@code <meta http-equiv="refresh">} would navigate the view (a request the policy cannot
     * stop), so the attribute is renamed before the page is built; {@code <object>} and
     * {@code <embed>} are renamed too (the policy blocks them, but WebKit's blocked-plugin notice
     * fails inside JavaFX).
     */
    private static List<OutputHtml.Part> neutralizeRefresh(List<OutputHtml.Part> parts) {
        List<OutputHtml.Part> safe = new ArrayList<>();
        for (OutputHtml.Part part : parts) {
            Object value = part.value();
            if (value instanceof String html) {
                value = html.replaceAll("(?i)http-equiv", "data-blocked-http-equiv")
                        .replaceAll("(?i)<(/?)(object|embed)\\b", "<$1blocked-$2");
            }
            safe.add(new OutputHtml.Part(part.mimeType(), value));
        }
        return safe;
    }

    private static String nonce() {
        byte[] bytes = new byte[16];
        NONCES.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** An execute result under its {@code Out[n]:} prompt, so it is told apart from printed text. */
    private static Node withOutPrompt(Node shown, int executionCount) {
        Label prompt = new Label("Out[" + executionCount + "]:");
        prompt.getStyleClass().add("out-prompt");
        prompt.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(6, prompt, shown);
        row.getStyleClass().add("execute-result");
        javafx.scene.layout.HBox.setHgrow(shown, javafx.scene.layout.Priority.ALWAYS);
        return row;
    }

    /**
     * An image at its own size, scaled down (never up) to the width of the outputs column: never
     * clipped and never given a scrollbar of its own.
     */
    private Node image(String base64) {
        try {
            Image image = new Image(new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64)));
            ImageView view = new ImageView(image);
            view.setPreserveRatio(true);
            view.fitWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                    () -> getWidth() <= 0 ? image.getWidth()
                            : Math.min(image.getWidth(), getWidth() - 8),
                    widthProperty()));
            // The box follows the scaled image: no blank band under a figure in a narrow window.
            view.fitHeightProperty().bind(view.fitWidthProperty().multiply(
                    image.getWidth() <= 0 ? 0 : image.getHeight() / image.getWidth()));
            view.setFocusTraversable(false);
            view.getStyleClass().add("image-output");
            return view;
        } catch (IllegalArgumentException e) {
            return text("<image could not be decoded>", "error");
        }
    }

    /**
     * Text as a label; a long one shows only its last lines (where errors and results are) under a
     * "Show all" link that opens the whole text in a virtualized view. A label is never given more
     * than {@link #MAX_LINES} lines or {@link #MAX_CHARS} characters: laying out an unbounded text
     * node freezes the FX thread.
     */
    private static Node text(String text, String styleClass) {
        String body = stripTrailingNewline(text);
        Label label = new Label();
        label.getStyleClass().addAll("text-output", styleClass);
        label.setWrapText(true);
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        int lines = TextLines.count(text);
        if (lines <= MAX_LINES && body.length() <= MAX_CHARS) {
            label.setText(body);
            return label;
        }
        label.setText(tail(body));
        Hyperlink showAll = new Hyperlink(String.format(java.util.Locale.ROOT,
                "Show all %,d lines", lines));
        showAll.getStyleClass().add("show-all");
        showAll.setOnAction(e -> FullTextView.open(showAll.getScene().getWindow(),
                String.format(java.util.Locale.ROOT, "Output (%,d lines)", lines), text));
        return new VBox(showAll, label);
    }

    /** The last {@link #MAX_LINES} lines of {@code body}, at most {@link #MAX_CHARS} characters. */
    static String tail(String body) {
        int start = body.length();
        for (int n = 0; n < MAX_LINES && start > 0; n++) {
            start = body.lastIndexOf('\n', start - 1);
        }
        String tail = start < 0 ? body : body.substring(start + 1);
        return tail.length() <= MAX_CHARS ? tail : "…" + tail.substring(tail.length() - MAX_CHARS);
    }

    private static String stripTrailingNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
