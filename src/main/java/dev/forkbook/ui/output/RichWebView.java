package dev.forkbook.ui.output;

import dev.forkbook.ui.fx.FxThread;
import java.net.URI;
import javafx.concurrent.Worker;
import javafx.scene.layout.StackPane;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebView;

/**
 * A WebView showing one output page, sized to its content. It never navigates away from that page
 * (a link the user clicks goes to the {@link LinkOpener} instead) and never opens popups.
 */
public final class RichWebView extends StackPane {

    private static final long CLICK_WINDOW_NANOS = 1_000_000_000L;
    /**
     * Over a dark theme: light text, dark code boxes and borders. A user style sheet, so it also
     * reaches HTML from user code; colours the page sets on its own elements still win.
     */
    static final String DARK_PAGE_CSS = "body{color:#e6edf3 !important;}"
            + "a{color:#4493f8 !important;}"
            + "code{background:#262c36 !important;}pre code{background:none !important;}"
            + "td,th{border-color:#3d444d !important;}";
    private static final String DARK_PAGE = "data:text/css;charset=utf-8;base64,"
            + java.util.Base64.getEncoder().encodeToString(DARK_PAGE_CSS.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));

    private final WebView web = new WebView();
    private final String html;
    private final LinkOpener links;
    private long lastClick;
    private boolean restoring;
    private boolean darkPage;
    private final javafx.beans.value.ChangeListener<javafx.scene.layout.Background> themeListener =
            (obs, old, background) -> followTheme(background);
    /** Weak: a window outlives the many pages it shows. */
    private final javafx.beans.value.WeakChangeListener<javafx.scene.layout.Background>
            weakThemeListener = new javafx.beans.value.WeakChangeListener<>(themeListener);

    public RichWebView(String html, LinkOpener links) {
        this.html = html;
        this.links = links;
        getStyleClass().add("rich-output");
        web.setContextMenuEnabled(false);
        // An output never takes the keyboard from the editor the user types in.
        web.setFocusTraversable(false);
        setFocusTraversable(false);
        web.setPrefHeight(24);
        web.setMinHeight(24);
        web.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED,
                e -> lastClick = System.nanoTime());
        // The page is as tall as its content (it never scrolls), so the wheel scrolls the notebook:
        // WebView would otherwise swallow every wheel event over an output.
        web.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> {
            if (getParent() != null) {
                e.consume();
                getParent().fireEvent(e.copyFor(getParent(), getParent()));
            }
        });
        // The page is transparent over the notebook: no white box on the dark theme. Its text
        // follows the theme, read from the window's background (the theme's), also on a switch.
        web.setPageFill(javafx.scene.paint.Color.TRANSPARENT);
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null && old.getRoot() instanceof javafx.scene.layout.Region root) {
                root.backgroundProperty().removeListener(weakThemeListener);
            }
            if (scene != null && scene.getRoot() instanceof javafx.scene.layout.Region root) {
                root.backgroundProperty().addListener(weakThemeListener);
                followTheme(root.getBackground());
            }
        });
        WebEngine engine = web.getEngine();
        engine.setJavaScriptEnabled(true);
        engine.setCreatePopupHandler(features -> null);
        engine.locationProperty().addListener((obs, old, location) -> refuseNavigation(location));
        engine.getLoadWorker().stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.SUCCEEDED) {
                fitHeight();
                fitAgainAfterLayout();
            }
        });
        // The column got narrower or wider: scale again (what was zoomed out may now fit).
        web.widthProperty().addListener((obs, old, width) -> {
            if (engine.getLoadWorker().getState() == Worker.State.SUCCEEDED
                    && Math.abs(width.doubleValue() - old.doubleValue()) >= 1) {
                // After this layout pass, when the page has its new width.
                new FxThread().execute(this::fitHeight);
            }
        });
        engine.loadContent(html);
        getChildren().add(web);
    }

    /** The engine, for tests that inspect the rendered DOM. */
    public WebEngine engine() {
        return web.getEngine();
    }

    /** True while the page is drawn for a dark background. */
    public boolean isDarkPage() {
        return darkPage;
    }

    private void followTheme(javafx.scene.layout.Background background) {
        boolean dark = isDark(background);
        if (dark == darkPage) {
            return;
        }
        darkPage = dark;
        web.getEngine().setUserStyleSheetLocation(dark ? DARK_PAGE : null);
    }

    static boolean isDark(javafx.scene.layout.Background background) {
        return background != null && !background.getFills().isEmpty()
                && background.getFills().get(0).getFill() instanceof javafx.scene.paint.Color color
                && color.getOpacity() > 0 && color.getBrightness() < 0.5;
    }

    private void refuseNavigation(String location) {
        if (restoring || location == null || location.isEmpty() || location.equals("about:blank")) {
            return;
        }
        web.getEngine().getLoadWorker().cancel();
        boolean userClicked = System.nanoTime() - lastClick < CLICK_WINDOW_NANOS;
        try {
            URI link = URI.create(location);
            if (userClicked && LinkOpener.isWebLink(link)) {
                links.open(link);
            }
        } catch (IllegalArgumentException ignored) {
            // not a link we could open anyway
        }
        restoring = true;
        try {
            web.getEngine().loadContent(html);
        } finally {
            restoring = false;
        }
    }

    /**
     * Scales what is wider than the column down to it (an SVG without a viewBox gets one from its
     * size, so it scales instead of being cut; a wide table or chart is scaled down as a whole), then
     * makes the view as tall as its content. Runs from Java, so pages without scripts get it too.
     */
    private static final String FIT = "(function(){"
            + "document.querySelectorAll('svg').forEach(function(s){"
            + "if(!s.hasAttribute('viewBox')){var w=parseFloat(s.getAttribute('width')),"
            + "h=parseFloat(s.getAttribute('height'));"
            + "if(w>0&&h>0){s.setAttribute('viewBox','0 0 '+w+' '+h);"
            + "s.setAttribute('preserveAspectRatio','xMinYMin meet');}}});"
            + "document.querySelectorAll('.part').forEach(function(p){"
            + "p.style.transform='';p.style.width='';p.style.marginBottom='';"
            + "var inner=p.scrollWidth,room=p.clientWidth;"
            + "if(room>0&&inner>room+1){var z=room/inner;p.style.width=inner+'px';"
            + "p.style.transformOrigin='0 0';p.style.transform='scale('+z+')';"
            + "p.style.marginBottom=(-p.offsetHeight*(1-z))+'px';}});"
            + "return Math.ceil(document.body.getBoundingClientRect().height);})()";

    /**
     * Fits once more a few frames after the load: WebKit takes the view's new width only when the
     * view is laid out, so a page that finished loading before that was measured at its old width
     * (too wide to scale, or not scaled at all) and no width change follows to correct it.
     */
    private void fitAgainAfterLayout() {
        new javafx.animation.AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                frames++;
                if (frames == 2 || frames == 8) {
                    fitHeight();
                }
                if (frames >= 8) {
                    stop();
                }
            }
        }.start();
    }

    private void fitHeight() {
        // The body's own box: the document's scrollHeight is never less than the view's current
        // height, which left blank space under short outputs.
        Object height = web.getEngine().executeScript(FIT);
        if (height instanceof Number number) {
            double h = Math.min(number.doubleValue() + 4, 4000);
            web.setPrefHeight(h);
            web.setMinHeight(h);
            web.setMaxHeight(h);
        }
    }
}
