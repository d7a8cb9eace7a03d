package org.bertlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed part-way (SIGTERM, as Ctrl-C or a scheduler stops it) leaves no temporary files behind. */
class InterruptedRunTest {

    @TempDir
    Path dir;

    @Test
    void corpusKilledWithSigtermLeavesNoPartFile() throws Exception {
        final Path out = dir.resolve("corpus.txt");
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
            Main.class.getName(), "corpus", "--kind", "uniform", "--count", "2000000000", "--force", "--output",
            out.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        try {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long partBytes = 0;
            while (partBytes < 1_000_000 && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(50);
                partBytes = partFiles().stream().mapToLong(f -> f.toFile().length()).sum();
            }
            assertTrue(partBytes >= 1_000_000, "the corpus was being written: " + Files.readString(
                dir.resolve("log.txt")));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the run stopped");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(List.of(), partFiles(), "temporaries left after SIGTERM");
        assertTrue(Files.notExists(out), "no half corpus under the real name");
    }

    private List<Path> partFiles() throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }
}
