package dev.forkbook.ui.output;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Picks the representation to show from a MIME bundle, richest first, as Jupyter front ends do. */
public final class MimeChoice {

    /** Display priority: the first type present in a bundle is the one shown. */
    public static final List<String> PRIORITY = List.of("text/html", "text/markdown",
            "image/svg+xml", "text/latex", "image/png", "image/jpeg", "application/json",
            "text/plain");

    private MimeChoice() {
    }

    public static Optional<String> best(Map<String, Object> data) {
        Optional<String> best = PRIORITY.stream().filter(data::containsKey).findFirst();
        // A figure with both forms is shown as its PNG: an image is sized before it is laid out,
        // while the SVG needs a web view that is measured late (and shown as a thin strip).
        if (best.filter("image/svg+xml"::equals).isPresent() && data.containsKey("image/png")) {
            return Optional.of("image/png");
        }
        return best;
    }

    /** Types whose rendering needs a web view. */
    public static boolean needsWebView(String mimeType) {
        return mimeType.equals("text/html") || mimeType.equals("image/svg+xml")
                || mimeType.equals("text/markdown") || mimeType.equals("text/latex")
                || mimeType.equals("application/json");
    }

    /**
     * Types we render with our own scripts (KaTeX) from content we escape: markdown and LaTeX. The
     * rest is the user's markup and gets no script at all.
     */
    public static boolean isTrusted(String mimeType) {
        return mimeType.equals("text/markdown") || mimeType.equals("text/latex");
    }
}
