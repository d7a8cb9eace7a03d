package org.bertlab.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules every output file follows (docs/your-files.md). */
class OutputFileTest {

    @TempDir
    Path dir;

    @AfterEach
    void noTemporariesLeft() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".part")).toList());
        }
        assertEquals(List.of(), Temporaries.live().stream().filter(p -> p.startsWith(dir)).toList());
    }

    private static void write(final Path target, final List<Path> inputs, final String text) throws IOException {
        OutputFile.writeString(target, inputs, text);
    }

    @Test
    void writesAndReplacesAFileTheUserNamed() throws IOException {
        final Path out = dir.resolve("sub/out.tsv");
        write(out, List.of(), "one\n");
        assertEquals("one\n", Files.readString(out));
        write(out, List.of(), "two\n");
        assertEquals("two\n", Files.readString(out));
    }

    @Test
    void refusesAnEmptyName() {
        final OutputRefusedException e = assertThrows(OutputRefusedException.class,
            () -> write(Path.of(""), List.of(), "x"));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void refusesAnOutputThatIsAnInputAlsoThroughASymlinkOrAnotherSpelling() throws IOException {
        final Path input = Files.writeString(dir.resolve("texts.txt"), "precious\n");
        final Path link = Files.createSymbolicLink(dir.resolve("link.txt"), input);
        Files.createDirectories(dir.resolve("sub"));
        for (final Path output : List.of(input, link, dir.resolve("./sub/../texts.txt"))) {
            final OutputRefusedException e = assertThrows(OutputRefusedException.class,
                () -> write(output, List.of(input), "overwritten"));
            assertTrue(e.getMessage().contains("also an input"), e.getMessage());
        }
        assertEquals("precious\n", Files.readString(input));
    }

    @Test
    void refusesReplacingAFileInsideAnInputFolder() throws IOException {
        final Path model = Files.createDirectories(dir.resolve("model"));
        final Path config = Files.writeString(model.resolve("config.json"), "{}");
        final OutputRefusedException e = assertThrows(OutputRefusedException.class,
            () -> write(config, List.of(model), "x"));
        assertTrue(e.getMessage().contains("inside the input folder"), e.getMessage());
        assertEquals("{}", Files.readString(config));
        write(model.resolve("new.tsv"), List.of(model), "a new file beside the model is fine\n");
    }

    @Test
    void writesThroughASymlinkAndKeepsTheLink() throws IOException {
        final Path real = Files.writeString(Files.createDirectories(dir.resolve("elsewhere")).resolve("real.tsv"),
            "old\n");
        final Path link = Files.createSymbolicLink(dir.resolve("out.tsv"), real);
        write(link, List.of(), "new\n");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(real, Files.readSymbolicLink(link));
        assertEquals("new\n", Files.readString(real));
    }

    @Test
    void refusesADanglingSymlinkAndLeavesIt() throws IOException {
        final Path link = Files.createSymbolicLink(dir.resolve("out.tsv"), dir.resolve("missing/target.tsv"));
        final OutputRefusedException e = assertThrows(OutputRefusedException.class,
            () -> write(link, List.of(), "x"));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void refusesAFifo() throws Exception {
        final Path fifo = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        final OutputRefusedException e = assertThrows(OutputRefusedException.class,
            () -> write(fifo, List.of(), "x"));
        assertTrue(e.getMessage().contains("special file"), e.getMessage());
        assertFalse(Files.isRegularFile(fifo));
        assertTrue(Files.exists(fifo));
    }

    @Test
    void refusesADevice() {
        final Path device = Path.of("/dev/null");
        final OutputRefusedException e = assertThrows(OutputRefusedException.class,
            () -> write(device, List.of(), "x"));
        assertTrue(e.getMessage().contains("special file"), e.getMessage());
        assertFalse(Files.isRegularFile(device));
    }

    @Test
    void refusesAFolderWhereAFileIsExpected() throws IOException {
        final Path folder = Files.createDirectories(dir.resolve("results"));
        Files.writeString(folder.resolve("keep.txt"), "mine");
        assertThrows(OutputRefusedException.class, () -> write(folder, List.of(), "x"));
        assertEquals("mine", Files.readString(folder.resolve("keep.txt")));
    }

    @Test
    void refusesAReadOnlyFolderNamingTheFolder() throws Exception {
        final Path folder = Files.createDirectories(dir.resolve("locked"));
        ReadOnly.make(folder);
        try {
            final OutputRefusedException e = assertThrows(OutputRefusedException.class,
                () -> write(folder.resolve("out.tsv"), List.of(), "x"));
            assertTrue(e.getMessage().contains(folder.toString()) && !e.getMessage().contains(".part"),
                e.getMessage());
        } finally {
            ReadOnly.undo(folder);
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        final Path out = Files.writeString(dir.resolve("out.tsv"), "old\n");
        try (OutputFile file = OutputFile.open(out, List.of())) {
            file.writer().write("half a tab");
            assertTrue(Files.exists(file.temporary()));
            assertTrue(Temporaries.live().contains(file.temporary()));
            // no commit: as when the computation fails or is cancelled
        }
        assertEquals("old\n", Files.readString(out));
    }

    @Test
    void newFilesFollowTheUmaskAndReplacedFilesKeepTheirPermissions() throws IOException {
        final Path reference = Files.createFile(dir.resolve("reference"));
        final Path fresh = dir.resolve("fresh.tsv");
        write(fresh, List.of(), "x");
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(fresh));
        assertTrue(Files.getPosixFilePermissions(fresh).contains(PosixFilePermission.GROUP_READ),
            "0600 regardless of the umask: " + PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));

        final Path secret = Files.writeString(dir.resolve("secret.tsv"), "old");
        final Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Files.setPosixFilePermissions(secret, ownerOnly);
        write(secret, List.of(), "new");
        assertEquals(ownerOnly, Files.getPosixFilePermissions(secret));
    }

    @Test
    void readsUtf8LinesAndNamesTheLineOfABadByte() throws IOException {
        final Path file = dir.resolve("texts.txt");
        Files.write(file, new byte[] {(byte)0xEF, (byte)0xBB, (byte)0xBF, 'a', '\r', '\n', 'b', '\n', 'c', (byte)0xFF,
            '\n'});
        final TextLines.TextFormatException e = assertThrows(TextLines.TextFormatException.class,
            () -> TextLines.readAll(file));
        assertTrue(e.getMessage().startsWith(file + ", line 3: not valid UTF-8"), e.getMessage());
        Files.writeString(file, "\uFEFFa\r\nb\n\nc", StandardCharsets.UTF_8);
        assertEquals(List.of("a", "b", "", "c"), TextLines.readAll(file));
    }
}
