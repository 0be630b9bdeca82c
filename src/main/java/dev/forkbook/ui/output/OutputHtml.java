package dev.forkbook.ui.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/**
 * Builds the HTML documents that WebViews show. Pure functions: everything that can be escaped is,
 * and every page starts with a Content-Security-Policy that allows no network, file or frame loads.
 *
 * <p>Untrusted pages (HTML, SVG, JSON from user code) allow no script at all. Trusted pages (our
 * rendering of markdown and LaTeX, whose content we escaped) allow only our own inline scripts, marked
 * with a per-page nonce.
 */
public final class OutputHtml {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** One rendered piece of a page: its MIME type and value. */
    public record Part(String mimeType, Object value) {
    }

    private static final String BASE_STYLE = "html,body{margin:0;padding:0;background:transparent;}"
            + "body{font-family:'DejaVu Sans',sans-serif;font-size:13px;color:#1f2328;"
            + "overflow:hidden;}"
            + ".part{padding:2px 0;overflow:hidden;}"
            + "pre,code,kbd,samp{font-family:'DejaVu Sans Mono',monospace;}pre{margin:0;}"
            + "code{font-size:12px;background:#f6f8fa;padding:0 3px;border-radius:3px;}"
            + "pre code{background:none;padding:0;}"
            + "table{border-collapse:collapse;}td,th{border:1px solid #d0d7de;padding:2px 6px;}"
            + "img,svg{max-width:100%;height:auto;}";

    private OutputHtml() {
    }

    /** HTML text escaping for element content and attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A page of user markup (HTML, SVG, JSON): no scripts, no loads. */
    public static String untrustedPage(List<Part> parts) {
        StringBuilder body = new StringBuilder();
        for (Part part : parts) {
            body.append("<div class=\"part\">").append(untrustedBody(part)).append("</div>");
        }
        return document("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
                + "font-src data:; media-src data:; form-action 'none'; frame-src 'none'", "",
                body.toString(), "");
    }

    private static String untrustedBody(Part part) {
        String text = String.valueOf(part.value());
        return switch (part.mimeType()) {
            case "text/html", "image/svg+xml" -> text;
            case "application/json" -> "<pre>" + escape(prettyJson(part.value())) + "</pre>";
            default -> "<pre>" + escape(text) + "</pre>";
        };
    }

    /** A page of markdown or LaTeX that we escaped, typeset by KaTeX. */
    public static String trustedPage(List<Part> parts, String nonce) {
        StringBuilder body = new StringBuilder();
        for (Part part : parts) {
            String text = String.valueOf(part.value());
            body.append("<div class=\"part markdown\">")
                    .append(part.mimeType().equals("text/latex") ? MarkdownHtml.latex(text)
                            : MarkdownHtml.render(text))
                    .append("</div>");
        }
        KatexAssets katex = KatexAssets.get();
        String head = "<style>" + katex.stylesheet() + "</style>"
                + "<script nonce=\"" + nonce + "\">" + katex.script() + "</script>";
        String typeset = "<script nonce=\"" + nonce + "\">"
                + "document.querySelectorAll('span.math').forEach(function(el){"
                + "try{katex.render(el.textContent,el,{displayMode:el.classList.contains('display'),"
                + "throwOnError:false});}catch(e){el.classList.add('math-error');}});</script>";
        return document("default-src 'none'; script-src 'nonce-" + nonce + "'; "
                + "style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'; "
                + "frame-src 'none'", head, body.toString(), typeset);
    }

    private static String document(String policy, String head, String body, String tail) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + policy + "\">"
                + "<style>" + BASE_STYLE + "</style>" + head + "</head><body>" + body + tail
                + "</body></html>";
    }

    private static String prettyJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
