package dev.forkbook.ui.cell;

/** Python editing rules as pure functions: indentation after a line, the word being completed. */
public final class AutoIndent {

    private AutoIndent() {
    }

    /** The indentation for a new line typed after {@code line}: kept, and one level more after ':'. */
    public static String indentAfter(String line) {
        int width = 0;
        while (width < line.length() && (line.charAt(width) == ' ' || line.charAt(width) == '\t')) {
            width++;
        }
        String indent = line.substring(0, width);
        String code = line.strip();
        int comment = code.indexOf('#');
        if (comment >= 0) {
            code = code.substring(0, comment).strip();
        }
        if (code.endsWith(":")) {
            return indent + "    ";
        }
        if (code.equals("return") || code.startsWith("return ") || code.equals("pass")
                || code.equals("break") || code.equals("continue") || code.startsWith("raise")) {
            return indent.length() >= 4 ? indent.substring(0, indent.length() - 4) : "";
        }
        return indent;
    }

    /** The identifier or dotted name that ends at the caret ({@code "os.pa"} in {@code "x = os.pa"}). */
    public static String wordBeforeCaret(String line) {
        int start = line.length();
        while (start > 0) {
            char c = line.charAt(start - 1);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                start--;
            } else {
                break;
            }
        }
        return line.substring(start);
    }
}
