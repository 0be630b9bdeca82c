package dev.forkbook.notebook;

/**
 * Which kernel a notebook runs on, as its file remembers it (never with a token), so that reopening
 * it offers the same kernel again.
 *
 * @param kind {@code jython} (embedded), {@code forkbook} or {@code seed} (a server at {@code url}),
 *     or {@link #LOCAL_PYTHON} (a CPython seed the desktop starts itself)
 * @param url the server's base URL; null for {@code jython} and {@link #LOCAL_PYTHON}
 */
public record KernelChoice(String kind, String url) {

    /** The CPython seed that "Python 3 (local)" starts on a free port. */
    public static final String LOCAL_PYTHON = "python3-local";
}
