package dev.forkbook.notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Locale;

/**
 * A notebook on disk: reads {@code .forkbook} (and imports {@code .ipynb}), saves atomically, and
 * notices when another program changed the file since it was opened or saved.
 */
public final class NotebookFile {

    private final Path path;
    private final AtomicFileWriter writer;
    private FileTime knownModified;
    private byte[] knownBytes;

    private NotebookFile(Path path, FileOps files) {
        this.path = path;
        this.writer = new AtomicFileWriter(files);
    }

    /** A file that does not exist yet (Save As). */
    public static NotebookFile create(Path path, FileOps files) {
        return new NotebookFile(path, files);
    }

    /**
     * Opens a notebook; the file is only read, never changed.
     *
     * @throws NotebookFormatException when the file is not a notebook this Forkbook can read
     */
    public static Opened open(Path path, FileOps files) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        NotebookDocument document = isIpynb(path) ? Ipynb.read(bytes) : ForkbookFormat.read(bytes);
        NotebookFile file = new NotebookFile(isIpynb(path) ? withForkbookExtension(path) : path,
                files);
        if (!isIpynb(path)) {
            file.remember(bytes);
        }
        return new Opened(file, document);
    }

    /** A file and the document read from it. */
    public record Opened(NotebookFile file, NotebookDocument document) {
    }

    public Path path() {
        return path;
    }

    public String displayName() {
        return path.getFileName().toString();
    }

    /** True when the file changed on disk since this notebook last read or wrote it. */
    public boolean changedOnDisk() throws IOException {
        if (knownBytes == null) {
            return Files.exists(path);
        }
        try {
            if (Files.getLastModifiedTime(path).equals(knownModified)
                    && Files.size(path) == knownBytes.length) {
                return false;
            }
            return !Arrays.equals(Files.readAllBytes(path), knownBytes);
        } catch (NoSuchFileException deleted) {
            return false;
        }
    }

    /**
     * Saves atomically. Unless {@code overwriteChanges}, refuses with {@link ChangedOnDiskException}
     * when another program changed the file since it was opened.
     */
    public void save(NotebookDocument document, boolean overwriteChanges) throws IOException {
        if (!overwriteChanges && changedOnDisk()) {
            throw new ChangedOnDiskException(path);
        }
        byte[] bytes = ForkbookFormat.write(document);
        writer.write(path, bytes);
        remember(bytes);
    }

    private void remember(byte[] bytes) throws IOException {
        knownBytes = bytes;
        knownModified = Files.getLastModifiedTime(path);
    }

    static boolean isIpynb(Path path) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ipynb");
    }

    private static Path withForkbookExtension(Path path) {
        String name = path.getFileName().toString();
        return path.resolveSibling(name.substring(0, name.length() - ".ipynb".length()) + ".forkbook");
    }

    /** The file was changed by someone else; saving would lose their change. */
    public static final class ChangedOnDiskException extends IOException {
        private static final long serialVersionUID = 1L;

        public ChangedOnDiskException(Path path) {
            super(path.getFileName() + " was changed on disk since it was opened.");
        }
    }
}
