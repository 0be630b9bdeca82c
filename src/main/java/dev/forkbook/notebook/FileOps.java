package dev.forkbook.notebook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file-system calls a save makes, one method each, so that tests can make any of them fail (a
 * full disk, a read-only directory) even when they run as root.
 */
public interface FileOps {

    /** The real file system. */
    FileOps SYSTEM = new FileOps() {
    };

    default Path createTemp(Path directory, String prefix) throws IOException {
        return Files.createTempFile(directory, prefix, ".tmp");
    }

    /** Writes all bytes and forces them to the device before returning. */
    default void writeAndSync(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    default void moveAtomically(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    default void deleteIfExists(Path file) throws IOException {
        Files.deleteIfExists(file);
    }
}
