package dev.forkbook.kernel.jython;

/**
 * A cell that starts with an IPython cell magic ({@code %%name args}): {@code %%time} runs the rest
 * of the cell as code and times it; any other becomes one call of the {@code _fb_cell_magic} helper
 * with the cell body as text.
 */
record CellMagic(String name, String args, String body) {

    /** The cell magic {@code code} starts with, or null. */
    static CellMagic of(String code) {
        if (!code.startsWith("%%")) {
            return null;
        }
        int newline = code.indexOf('\n');
        String first = newline < 0 ? code.substring(2) : code.substring(2, newline);
        String body = newline < 0 ? "" : code.substring(newline + 1);
        String[] parts = first.strip().split("\\s+", 2);
        return new CellMagic(parts[0], parts.length > 1 ? parts[1] : "", body);
    }

    /** Whether the kernel runs the body as code and reports its time. */
    boolean timed() {
        return name.equals("time");
    }

    /** The code to compile: the body on its own lines, or the helper call. */
    String source() {
        if (timed()) {
            return "\n" + body;
        }
        return "_fb_cell_magic(" + Py3Translator.literal(name) + ", "
                + Py3Translator.literal(args) + ", " + Py3Translator.literal(body) + ")";
    }
}
