package dev.forkbook.kernel;

/**
 * Which kernel a front end is talking to, for the window title and the status bar, and what it can
 * do.
 *
 * @param kind {@link #JYTHON} (embedded), {@link #FORKBOOK} (a {@code forkbook serve} elsewhere) or
 *     {@link #SEED} (the snapshot-kernel seed on CPython)
 * @param label what to show the user, such as {@code embedded Jython} or
 *     {@code Python 3 (seed) at http://127.0.0.1:9781}
 * @param url the server's base URL; null for an embedded kernel
 * @param completes whether {@link Kernel#complete} can answer anything
 */
public record KernelDescription(String kind, String label, String url, boolean completes) {

    public static final String JYTHON = "jython";
    public static final String FORKBOOK = "forkbook";
    public static final String SEED = "seed";

    /** The kernel inside this JVM. */
    public static final KernelDescription EMBEDDED_JYTHON =
            new KernelDescription(JYTHON, "embedded Jython", null, true);

    public boolean remote() {
        return url != null;
    }
}
