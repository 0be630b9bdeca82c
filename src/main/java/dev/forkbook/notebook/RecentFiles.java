package dev.forkbook.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The most recently opened notebooks, newest first, kept in a small text file. */
public final class RecentFiles {

    public static final int MAX = 10;

    private final Path store;

    public RecentFiles(Path store) {
        this.store = store;
    }

    /** {@code ~/.forkbook/recent.txt}. */
    public static Path defaultStore() {
        return Path.of(System.getProperty("user.home"), ".forkbook", "recent.txt");
    }

    public List<Path> list() {
        try {
            List<Path> paths = new ArrayList<>();
            for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    paths.add(Path.of(line));
                }
            }
            return paths;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Moves {@code path} to the top of the list. */
    public void add(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        List<Path> paths = new ArrayList<>(list());
        paths.remove(absolute);
        paths.add(0, absolute);
        List<String> lines = paths.stream().limit(MAX).map(Path::toString).toList();
        try {
            Files.createDirectories(store.getParent());
            new AtomicFileWriter(FileOps.SYSTEM).write(store,
                    (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The recent list is a convenience; failing to update it loses no work.
        }
    }
}
