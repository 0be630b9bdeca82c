package dev.forkbook.ui.tree;

/** A run time as people read it: 12 ms, 1.4 s, 2 min 5 s. */
final class DurationText {

    private DurationText() {
    }

    static String of(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        return seconds / 60 + " min " + seconds % 60 + " s";
    }
}
