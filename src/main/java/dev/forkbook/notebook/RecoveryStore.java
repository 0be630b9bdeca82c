package dev.forkbook.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Recovery copies of unsaved notebooks, one per notebook file (and one for an untitled notebook),
 * kept in a directory of their own. Autosave writes them; a later start offers one when it is newer
 * than its notebook; a save or a clean close removes it.
 */
public final class RecoveryStore {

    private final Path directory;
    private final AtomicFileWriter writer;

    public RecoveryStore(Path directory, FileOps files) {
        this.directory = directory;
        this.writer = new AtomicFileWriter(files);
    }

    /** {@code ~/.forkbook/recovery}. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".forkbook", "recovery");
    }

    /** Where the recovery copy of {@code notebook} (null: untitled) lives. */
    public Path recoveryFor(Path notebook) {
        if (notebook == null) {
            return directory.resolve("untitled.forkbook");
        }
        String absolute = notebook.toAbsolutePath().normalize().toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(absolute.getBytes(StandardCharsets.UTF_8));
            String name = notebook.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            return directory.resolve(name + "." + HexFormat.of().formatHex(digest, 0, 6)
                    + ".recovery");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void save(Path notebook, NotebookDocument document) throws IOException {
        save(notebook, ForkbookFormat.write(document));
    }

    /** Writes an already serialized document (serialize on the thread that owns the tree). */
    public void save(Path notebook, byte[] serialized) throws IOException {
        Files.createDirectories(directory);
        writer.write(recoveryFor(notebook), serialized);
    }

    /**
     * The recovery copy to offer for {@code notebook}: one that exists, is newer than the notebook
     * file and can be read.
     */
    public Optional<Recovered> offer(Path notebook) {
        Path recovery = recoveryFor(notebook);
        try {
            FileTime saved = Files.getLastModifiedTime(recovery);
            if (notebook != null && Files.exists(notebook)
                    && Files.getLastModifiedTime(notebook).compareTo(saved) >= 0) {
                return Optional.empty();
            }
            return Optional.of(new Recovered(ForkbookFormat.read(Files.readAllBytes(recovery)),
                    saved));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NotebookFormatException e) {
            return Optional.empty();
        }
    }

    /** A readable recovery copy and when it was written. */
    public record Recovered(NotebookDocument document, FileTime savedAt) {
    }

    public void discard(Path notebook) {
        try {
            Files.deleteIfExists(recoveryFor(notebook));
        } catch (IOException e) {
            // A stale recovery copy is offered again later; nothing is lost.
        }
    }
}
