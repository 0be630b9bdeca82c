package dev.forkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and opening real files, with faults injected where root would not see them. */
class NotebookFileTest {

    @TempDir
    Path dir;

    private Path saved() throws IOException {
        Path path = dir.resolve("work.forkbook");
        NotebookFile.create(path, FileOps.SYSTEM).save(ForkbookFormatTest.sample(), false);
        return path;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }

    @Test
    void open_save_open_gives_the_same_tree() throws IOException {
        Path path = saved();
        NotebookFile.Opened opened = NotebookFile.open(path, FileOps.SYSTEM);
        assertEquals(ForkbookFormatTest.ids(ForkbookFormatTest.sample()),
                ForkbookFormatTest.ids(opened.document()));
        byte[] before = Files.readAllBytes(path);
        opened.file().save(opened.document(), false);
        assertArrayEquals(before, Files.readAllBytes(path));
    }

    @Test
    void a_failure_mid_save_keeps_the_old_file_and_leaves_no_temporary_file() throws IOException {
        Path path = saved();
        byte[] before = Files.readAllBytes(path);
        FileOps halfWrite = new FileOps() {
            @Override
            public void writeAndSync(Path file, byte[] bytes) throws IOException {
                Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
                throw new IOException("No space left on device");
            }
        };
        NotebookFile.Opened opened = NotebookFile.open(path, FileOps.SYSTEM);
        NotebookFile failing = NotebookFile.open(path, halfWrite).file();
        IOException error = assertThrows(IOException.class,
                () -> failing.save(opened.document(), false));
        assertTrue(error.getMessage().contains("No space"));
        assertArrayEquals(before, Files.readAllBytes(path));
        assertEquals(List.of(path), files());
    }

    @Test
    void a_read_only_directory_is_an_error_and_nothing_changes() throws IOException {
        Path path = saved();
        byte[] before = Files.readAllBytes(path);
        FileOps readOnly = new FileOps() {
            @Override
            public Path createTemp(Path directory, String prefix) throws IOException {
                throw new AccessDeniedException(directory.toString());
            }
        };
        NotebookFile file = NotebookFile.open(path, readOnly).file();
        assertThrows(AccessDeniedException.class,
                () -> file.save(ForkbookFormatTest.sample(), false));
        assertArrayEquals(before, Files.readAllBytes(path));
    }

    @Test
    void a_read_only_file_that_cannot_be_replaced_is_an_error_and_nothing_changes()
            throws IOException {
        Path path = saved();
        byte[] before = Files.readAllBytes(path);
        FileOps cannotReplace = new FileOps() {
            @Override
            public void moveAtomically(Path source, Path target) throws IOException {
                throw new AccessDeniedException(target.toString());
            }
        };
        NotebookFile file = NotebookFile.open(path, cannotReplace).file();
        assertThrows(AccessDeniedException.class,
                () -> file.save(ForkbookFormatTest.sample(), false));
        assertArrayEquals(before, Files.readAllBytes(path));
        assertEquals(List.of(path), files());
    }

    @Test
    void a_file_changed_on_disk_is_not_overwritten_without_asking() throws IOException {
        Path path = saved();
        NotebookFile.Opened opened = NotebookFile.open(path, FileOps.SYSTEM);
        Files.writeString(path, Files.readString(path).replace("Two ideas", "Edited elsewhere"));
        assertTrue(opened.file().changedOnDisk());
        assertThrows(NotebookFile.ChangedOnDiskException.class,
                () -> opened.file().save(opened.document(), false));
        assertTrue(Files.readString(path).contains("Edited elsewhere"));
        opened.file().save(opened.document(), true);
        assertTrue(Files.readString(path).contains("Two ideas"));
    }

    @Test
    void corrupt_files_open_with_an_error_and_stay_untouched() throws IOException {
        for (byte[] bytes : List.of(new byte[0], "{\"format\": \"forkb".getBytes(),
                new byte[] {(byte) 0xc3, (byte) 0x28})) {
            Path path = dir.resolve("bad.forkbook");
            Files.write(path, bytes);
            assertThrows(NotebookFormatException.class, () -> NotebookFile.open(path, FileOps.SYSTEM));
            assertArrayEquals(bytes, Files.readAllBytes(path));
        }
    }
}
