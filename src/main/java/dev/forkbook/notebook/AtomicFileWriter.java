package dev.forkbook.notebook;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Replaces a file's contents all at once: the bytes go to a temporary file beside the target, are
 * forced to the device, and the temporary file is renamed over the target. A crash at any moment
 * leaves the old file or the new one, never a partial one; a failure leaves the old file and no
 * temporary file behind.
 */
public final class AtomicFileWriter {

    private final FileOps files;

    public AtomicFileWriter(FileOps files) {
        this.files = files;
    }

    public void write(Path target, byte[] bytes) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Path temp = files.createTemp(directory, "." + target.getFileName() + ".");
        try {
            files.writeAndSync(temp, bytes);
            files.moveAtomically(temp, target);
        } catch (IOException | RuntimeException e) {
            try {
                files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
