package dev.forkbook.app;

import picocli.CommandLine;

/**
 * The jar's main class. It must not extend a JavaFX {@code Application}: a fat jar whose main class
 * does fails to start, so the desktop app will be launched from here too.
 */
public final class Launcher {

    private Launcher() {
    }

    /**
     * Runs the command; from a jar, in a child JVM that maps the classes of earlier runs from a
     * class-data-sharing archive ({@link SharedArchive}).
     */
    public static void main(String[] args) {
        java.util.Optional<Integer> relaunched = SharedArchive.relaunch(args);
        System.exit(relaunched.isPresent() ? relaunched.get() : commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new ForkbookCommand());
    }
}
