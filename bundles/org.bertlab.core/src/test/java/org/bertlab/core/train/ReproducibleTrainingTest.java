package org.bertlab.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same seed, same weights, bit for bit: the seeded runs of {@link SeededTrainingRun} in two JVMs, the second while
 * threads keep every CPU busy and garbage collections fall anywhere in the training steps.
 */
class ReproducibleTrainingTest {

    @TempDir
    Path dir;

    @Test
    void anIdleAndALoadedJvmTrainTheSameWeightsAndStatistics() throws Exception {
        final Path idle = runChild("idle");
        final Path loaded = runChild("loaded");
        for (final String run : SeededTrainingRun.RUNS) {
            final Path a = idle.resolve(run).resolve("model.safetensors");
            final Path b = loaded.resolve(run).resolve("model.safetensors");
            assertTrue(Files.size(a) > 100_000, "weights saved: " + a);
            assertEquals(-1L, Files.mismatch(a, b), run + ": the saved weights differ");
            assertEquals(Files.readAllLines(idle.resolve(run + ".tsv")), Files.readAllLines(loaded.resolve(run
                + ".tsv")), run + ": the statistics differ");
        }
        // The second run must really have stopped early and gone back to an earlier epoch's weights.
        final List<String> stats = Files.readAllLines(idle.resolve("early-stopping.tsv"));
        assertTrue(stats.stream().anyMatch(l -> l.startsWith("note\tearly stopping after epoch")), stats.toString());
        final int epochs = (int)stats.stream().filter(l -> Character.isDigit(l.charAt(0))).count();
        final int best = Integer.parseInt(stats.stream().filter(l -> l.startsWith("best epoch")).findFirst()
            .orElseThrow().split("\t")[1]);
        assertTrue(best < epochs && epochs < SeededTrainingRun.options("early-stopping").epochs(), stats.toString());
    }

    private Path runChild(final String mode) throws IOException, InterruptedException {
        final Path out = Files.createDirectories(dir.resolve(mode));
        final Path log = dir.resolve(mode + ".log");
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process p = new ProcessBuilder(java, "-Xmx1g", "--enable-native-access=ALL-UNNAMED",
            "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), SeededTrainingRun.class.getName(),
            out.toString(), mode).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), mode + " run did not finish in 5 minutes");
        } finally {
            p.destroyForcibly();
        }
        final String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), mode + " run failed:\n" + output);
        // the run says which thread count it trained with: bit-identity holds for one count (docs/training.md)
        assertTrue(output.lines().anyMatch(l -> l.startsWith("threads ")), mode + " run:\n" + output);
        return out;
    }
}
