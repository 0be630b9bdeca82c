package dev.forkbook.kernel.jython;

import java.util.List;

/** An HTML table from headers and rows of text, escaped, capped with a "… N more rows" line. */
public final class TableHtml {

    /** Rows shown unless {@code forkbook.display.max_rows} says otherwise. */
    public static final int DEFAULT_MAX_ROWS = 50;

    private TableHtml() {
    }

    /** Cells may be any objects; their text is {@code String.valueOf}. */
    public static String render(List<?> headers, List<? extends List<?>> rows, int maxRows) {
        StringBuilder html = new StringBuilder("<table class=\"forkbook-table\">");
        if (!headers.isEmpty()) {
            html.append("<thead><tr>");
            headers.forEach(header -> html.append("<th>").append(escape(String.valueOf(header)))
                    .append("</th>"));
            html.append("</tr></thead>");
        }
        html.append("<tbody>");
        int shown = Math.min(rows.size(), Math.max(0, maxRows));
        for (List<?> row : rows.subList(0, shown)) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(escape(String.valueOf(cell)))
                    .append("</td>"));
            html.append("</tr>");
        }
        html.append("</tbody></table>");
        if (rows.size() > shown) {
            int more = rows.size() - shown;
            html.append("<p class=\"more-rows\">… ").append(more)
                    .append(more == 1 ? " more row" : " more rows").append("</p>");
        }
        return html.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
