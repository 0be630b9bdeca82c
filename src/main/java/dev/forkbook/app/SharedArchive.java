package dev.forkbook.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Class-data sharing for {@code java -jar forkbook.jar}: the JVM maps the classes a previous run
 * loaded from an archive instead of reading and verifying them from the jar again, which about halves
 * the CPU time to the first frame. A JVM option cannot travel in the jar, so the launcher runs the
 * real program in a child JVM: with {@code -XX:SharedArchiveFile} when {@code ~/.forkbook/cds} holds
 * an archive for this jar, this JDK and this kind of run (desktop, {@code serve}, {@code run}), else
 * with {@code -XX:ArchiveClassesAtExit}, so the first run writes one as it exits.
 * {@code FORKBOOK_CDS=off} (or {@code -Dforkbook.cds=off}) runs without it.
 *
 * <p>Only {@code java.base} is used here: the launching JVM must stay cheap.
 */
final class SharedArchive {

    /** Set in the child JVM, so it never launches another one. */
    static final String CHILD_PROPERTY = "forkbook.cds.child";
    static final String SWITCH_PROPERTY = "forkbook.cds";
    static final String SWITCH_VARIABLE = "FORKBOOK_CDS";
    /** Options of the launcher that take the next argument as their value. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-cp", "-classpath", "--class-path",
            "-p", "--module-path", "--upgrade-module-path", "--add-modules", "--add-opens",
            "--add-exports", "--add-reads", "--patch-module", "--limit-modules", "-jar");
    /** Archive warnings (Jython's pre-Java-6 classes cannot be archived) are not for users. */
    private static final String QUIET = "-Xlog:cds=off,cds+dynamic=off";

    /**
     * The desktop's JIT options: C2 compiles a method after 10x the default invocations and loop
     * back-edges, so the compiler threads do not spend a core on start-up code that runs a few
     * thousand times (about 0.6 s less CPU to the first frame, loaded); a kernel's hot loops still
     * reach C2 within the first run (bench --python: warm fib(24) and loop unchanged). They come
     * before the user's own options, which override them.
     */
    static final List<String> DESKTOP_JIT = List.of("-XX:Tier4InvocationThreshold=50000",
            "-XX:Tier4MinInvocationThreshold=6000", "-XX:Tier4CompileThreshold=150000",
            "-XX:Tier4BackEdgeThreshold=400000");

    private final Path jar;
    private final Path directory;
    private final String kind;

    SharedArchive(Path jar, Path directory, String kind) {
        this.jar = jar;
        this.directory = directory;
        this.kind = kind;
    }

    /**
     * Which archive a command line uses, or empty when it is not worth a second JVM: {@code bench}
     * (it times new JVMs itself), help and version.
     */
    static Optional<String> kindOf(String[] args) {
        for (String arg : args) {
            if (Set.of("-h", "--help", "-V", "--version").contains(arg)) {
                return Optional.empty();
            }
        }
        String first = args.length == 0 ? "" : args[0];
        return switch (first) {
            case "bench", "help" -> Optional.empty();
            case "serve", "run" -> Optional.of(first);
            default -> Optional.of("desktop");
        };
    }

    /**
     * The archive for this jar (path, size, time), this JDK and this kind: a rebuilt jar or another
     * JDK gets a new one.
     */
    Path archive() throws IOException {
        String identity = jar.toAbsolutePath() + "|" + Files.size(jar) + "|"
                + Files.getLastModifiedTime(jar).toMillis() + "|" + System.getProperty("java.home")
                + "|" + System.getProperty("java.vm.version");
        return directory.resolve(kind + "-" + Integer.toHexString(identity.hashCode()) + ".jsa");
    }

    /**
     * The child's command: the desktop's JIT options ({@link #DESKTOP_JIT}), the launching JVM's
     * own options (minus its class path), then the archive's option and the jar with {@code args}.
     */
    List<String> childCommand(String java, List<String> parentArguments, String[] args,
            Path archive, Path dumpTo) {
        List<String> command = new ArrayList<>();
        command.add(java);
        if (kind.equals("desktop")) {
            command.addAll(DESKTOP_JIT);
        }
        command.addAll(jvmOptions(parentArguments));
        command.add(Files.isRegularFile(archive) ? "-XX:SharedArchiveFile=" + archive
                : "-XX:ArchiveClassesAtExit=" + dumpTo);
        command.add(QUIET);
        command.add("-D" + CHILD_PROPERTY + "=true");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The JVM options among a launching JVM's arguments (what follows the {@code java} executable):
     * everything before the main class or {@code -jar}, without the class path.
     */
    static List<String> jvmOptions(List<String> arguments) {
        List<String> options = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String arg = arguments.get(i);
            if (!arg.startsWith("-") && !arg.startsWith("@") || arg.equals("-jar")) {
                break;
            }
            boolean classPath = Set.of("-cp", "-classpath", "--class-path").contains(arg);
            boolean withValue = OPTIONS_WITH_VALUE.contains(arg);
            if (!classPath && !arg.startsWith("-XX:SharedArchiveFile")
                    && !arg.startsWith("-XX:ArchiveClassesAtExit")) {
                options.add(arg);
                if (withValue && i + 1 < arguments.size()) {
                    options.add(arguments.get(i + 1));
                }
            }
            if (withValue) {
                i++;
            }
        }
        return options;
    }

    /**
     * After the child exited: a freshly written archive takes its place (atomically, so a JVM never
     * maps half a file) and older archives of this kind (earlier builds of the jar) go.
     */
    void adopt(Path dumped, Path archive) throws IOException {
        if (!Files.isRegularFile(dumped) || Files.size(dumped) == 0) {
            Files.deleteIfExists(dumped);
            return;
        }
        Files.move(dumped, archive, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        try (var stale = Files.list(directory)) {
            for (Path other : stale.toList()) {
                String name = other.getFileName().toString();
                if (name.startsWith(kind + "-") && name.endsWith(".jsa") && !other.equals(archive)) {
                    Files.deleteIfExists(other);
                }
            }
        }
    }

    /**
     * Runs {@code args} in a child JVM with the archive when that is possible and wanted, returning
     * its exit code; empty when the caller should run them in this JVM.
     */
    static Optional<Integer> relaunch(String[] args) {
        if (Boolean.getBoolean(CHILD_PROPERTY) || "off".equalsIgnoreCase(System.getProperty(
                SWITCH_PROPERTY, System.getenv().getOrDefault(SWITCH_VARIABLE, "on")))) {
            return Optional.empty();
        }
        Optional<String> kind = kindOf(args);
        Optional<Path> jar = runningJar();
        Optional<List<String>> parentArguments = ProcessHandle.current().info().arguments()
                .map(List::of);
        if (kind.isEmpty() || jar.isEmpty() || parentArguments.isEmpty()) {
            return Optional.empty();
        }
        Path directory = Path.of(System.getProperty("user.home"), ".forkbook", "cds");
        SharedArchive shared = new SharedArchive(jar.get(), directory, kind.get());
        Path archive;
        try {
            Files.createDirectories(directory);
            archive = shared.archive();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no place for archives: run as is
        }
        Path dumpTo = directory.resolve(kind.get() + "-" + ProcessHandle.current().pid()
                + ".jsa.part");
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = shared.childCommand(java, parentArguments.get(), args, archive,
                dumpTo);
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            return Optional.empty();
        }
        // Stopping the launcher stops the program (and lets it finish writing its archive).
        Thread stop = new Thread(() -> {
            child.destroy();
            finish(shared, child, dumpTo, archive, true);
        }, "forkbook-stop-child");
        Runtime.getRuntime().addShutdownHook(stop);
        int code = finish(shared, child, dumpTo, archive, false);
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
        return Optional.of(code);
    }

    /** Waits for the child (when {@code stopping}, a minute at most), then adopts its archive. */
    private static int finish(SharedArchive shared, Process child, Path dumped, Path archive,
            boolean stopping) {
        try {
            if (!stopping) {
                child.waitFor();
            } else if (!child.waitFor(1, TimeUnit.MINUTES)) {
                child.destroyForcibly();
                return 1;
            }
            synchronized (SharedArchive.class) {
                shared.adopt(dumped, archive);
            }
        } catch (IOException | InterruptedException e) {
            // the archive is an optimisation: without it the next start is just slower
        }
        return child.exitValue();
    }

    /** The jar this class was loaded from, if it runs from one. */
    static Optional<Path> runningJar() {
        try {
            var source = SharedArchive.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path)
                    && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")
                    ? Optional.of(path) : Optional.empty();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
