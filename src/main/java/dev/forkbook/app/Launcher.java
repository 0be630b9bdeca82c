package dev.forkbook.app;

import picocli.CommandLine;

/**
 * The jar's main class. It must not extend a JavaFX {@code Application}: a fat jar whose main class
 * does fails to start, so the desktop app will be launched from here too.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new ForkbookCommand());
    }
}
