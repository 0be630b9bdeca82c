package dev.forkbook.ui.output;

import java.util.Arrays;

/**
 * A text as numbered lines without copying it: one {@code int} per line (where it starts), so
 * 200,000 printed lines cost 800 KB and a line is cut out only when it is shown. Built once, off the
 * FX thread; immutable, so any thread may read it. A final newline ends the last line, it does not
 * start one.
 */
public final class TextLines {

    private final String text;
    /** {@code starts[i]} is where line i begins; line i ends just before {@code starts[i + 1] - 1}. */
    private final int[] starts;
    private final int size;
    private final int longest;

    private TextLines(String text, int[] starts, int size, int longest) {
        this.text = text;
        this.starts = starts;
        this.size = size;
        this.longest = longest;
    }

    /** Indexes the lines of {@code text} (O(length); call it off the FX thread for long texts). */
    public static TextLines of(String text) {
        int[] starts = new int[16];
        int size = 0;
        int longest = 0;
        int start = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
            if (size + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[size++] = start;
            longest = Math.max(longest, i - start);
            start = i + 1;
        }
        if (start < text.length()) {
            if (size + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length + 1);
            }
            starts[size++] = start;
            longest = Math.max(longest, text.length() - start);
            start = text.length() + 1;
        }
        starts[size] = start;
        return new TextLines(text, starts, size, longest);
    }

    /** How many lines {@link #of} gives, without indexing them. */
    public static int count(String text) {
        int count = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            count++;
        }
        return text.isEmpty() || text.endsWith("\n") ? count : count + 1;
    }

    public int size() {
        return size;
    }

    /** Line {@code index} (0-based) without its newline. */
    public String get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size + " lines");
        }
        return text.substring(starts[index], starts[index + 1] - 1);
    }

    /** The length in characters of the longest line. */
    public int longestLine() {
        return longest;
    }

    /** The whole text, as given. */
    public String text() {
        return text;
    }

    /**
     * The first line at or after {@code from} (wrapping round to the top) that contains
     * {@code query}; -1 if none does or the query is empty or spans lines.
     */
    public int find(String query, int from) {
        if (query.isEmpty() || query.indexOf('\n') >= 0 || size == 0) {
            return -1;
        }
        int start = Math.floorMod(from, size);
        int hit = text.indexOf(query, starts[start]);
        if (hit < 0) {
            hit = text.indexOf(query);
        }
        return hit < 0 ? -1 : lineAt(hit);
    }

    /** The line holding character {@code offset}. */
    int lineAt(int offset) {
        int found = Arrays.binarySearch(starts, 0, size, offset);
        return found >= 0 ? found : -found - 2;
    }
}
