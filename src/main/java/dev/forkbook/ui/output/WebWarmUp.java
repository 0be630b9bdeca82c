package dev.forkbook.ui.output;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.concurrent.Worker;
import javafx.scene.Scene;

/**
 * Warms up WebKit and KaTeX once the window has shown its first frame, so the first markdown cell
 * renders at once instead of after seconds: the KaTeX page is built on a background thread, then one
 * hidden {@link RichWebView} typesets a formula and is dropped.
 */
public final class WebWarmUp {

    private final CompletableFuture<Integer> done = new CompletableFuture<>();
    private volatile boolean started;
    private RichWebView view;

    private WebWarmUp() {
    }

    /** Starts the warm-up once {@code scene} has had its first frames drawn; call on FX. */
    public static WebWarmUp afterFirstFrame(Scene scene, Executor background, Executor fx) {
        WebWarmUp warmUp = new WebWarmUp();
        dev.forkbook.ui.fx.FirstFrame.then(scene, () -> {
            // Never inside the pulse that draws the first frame: the page is built in the
            // background, and the web view is made in a later FX task.
            try {
                CompletableFuture.supplyAsync(WebWarmUp::page, background)
                        .thenAcceptAsync(warmUp::load, fx)
                        .exceptionally(failure -> {
                            warmUp.done.completeExceptionally(failure);
                            return null;
                        });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                warmUp.done.cancel(false);
            }
        });
        return warmUp;
    }

    private static String page() {
        return OutputHtml.trustedPage(List.of(new OutputHtml.Part("text/markdown",
                "# Warm-up\n\n*ready* `code` $\\sum_{i=1}^{n} x_i^2$")), "warm-up");
    }

    private void load(String html) {
        started = true;
        view = new RichWebView(html, link -> { });
        view.engine().getLoadWorker().stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.SUCCEEDED) {
                Object typeset = view.engine().executeScript(
                        "document.querySelectorAll('.part .katex').length");
                view = null;
                done.complete(typeset instanceof Number n ? n.intValue() : 0);
            } else if (state == Worker.State.FAILED || state == Worker.State.CANCELLED) {
                view = null;
                done.complete(0);
            }
        });
    }

    /** Whether the web view of the warm-up has been created. */
    public boolean started() {
        return started;
    }

    /** Completes when the warm-up page has loaded, with the number of formulas KaTeX typeset. */
    public CompletableFuture<Integer> done() {
        return done;
    }
}
