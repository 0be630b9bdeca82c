package dev.forkbook.ui.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KaTeX from the classpath (the katex webjar), ready to inline into a page: the script, and the
 * stylesheet with its woff2 fonts turned into data URIs, so rendering maths needs no file or network
 * access and passes the pages' Content-Security-Policy.
 */
public final class KatexAssets {

    private static final String ROOT = "/META-INF/resources/webjars/katex/0.16.47/dist/";
    private static final Pattern FONT_SOURCES = Pattern.compile(
            "url\\(fonts/([A-Za-z0-9_-]+)\\.woff2\\) format\\(\"woff2\"\\)(,url\\([^)]*\\) format\\(\"[a-z]+\"\\))*");

    private static volatile KatexAssets loaded;

    private final String script;
    private final String stylesheet;

    private KatexAssets(String script, String stylesheet) {
        this.script = script;
        this.stylesheet = stylesheet;
    }

    /** Loaded once, on first use. */
    public static KatexAssets get() {
        KatexAssets assets = loaded;
        if (assets == null) {
            synchronized (KatexAssets.class) {
                if (loaded == null) {
                    loaded = new KatexAssets(read("katex.min.js"), inlineFonts(read("katex.min.css")));
                }
                assets = loaded;
            }
        }
        return assets;
    }

    public String script() {
        return script;
    }

    public String stylesheet() {
        return stylesheet;
    }

    private static String inlineFonts(String css) {
        Matcher matcher = FONT_SOURCES.matcher(css);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String font = Base64.getEncoder().encodeToString(
                    readBytes("fonts/" + matcher.group(1) + ".woff2"));
            matcher.appendReplacement(out, Matcher.quoteReplacement(
                    "url(data:font/woff2;base64," + font + ") format(\"woff2\")"));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String read(String name) {
        return new String(readBytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(String name) {
        try (InputStream in = KatexAssets.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("KaTeX resource missing: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
