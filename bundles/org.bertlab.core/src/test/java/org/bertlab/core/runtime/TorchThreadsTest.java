package org.bertlab.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.bertlab.core.train.experiment.ExperimentReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PyTorch's thread count: fixed by default, a number on request, left dynamic only when asked and never in experiments. */
class TorchThreadsTest {

    @TempDir
    Path dir;

    @Test
    void theCountIsPyTorchsStartUpChoiceOrTheProperty() {
        assertEquals(4, TorchThreads.wanted(null, 4));
        assertEquals(4, TorchThreads.wanted(" ", 4));
        assertEquals(1, TorchThreads.wanted(null, 0));
        assertEquals(3, TorchThreads.wanted(" 3 ", 4));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> TorchThreads.wanted("two", 4));
        assertTrue(e.getMessage().contains("bertlab.threads='two'") && e.getMessage().contains("dynamic"),
            e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TorchThreads.wanted("0", 4));
    }

    @Test
    void thisJvmRunsWithAFixedCount() {
        assertTrue(TorchThreads.fixed());
        assertTrue(TorchThreads.count() >= 1);
        assertEquals(TorchThreads.count() + " intra-op thread(s)", TorchThreads.describe());
        ExperimentReport.requireReproducibleThreads();
    }

    @Test
    void dynamicIsReportedAsSuchAndRefusedByExperiments() throws Exception {
        final Path log = dir.resolve("log.txt");
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process p = new ProcessBuilder(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
            "-Dai.djl.offline=true", "-D" + TorchThreads.PROPERTY + "=" + TorchThreads.DYNAMIC, "-cp",
            System.getProperty("java.class.path"), DynamicThreads.class.getName()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        try {
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the child did not finish");
        } finally {
            p.destroyForcibly();
        }
        final String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("fixed=false"), output);
        assertTrue(output.contains("intra-op thread(s) (dynamic: not reproducible under load)"), output);
        assertTrue(output.contains("refused: Experiments run with a fixed PyTorch thread count"), output);
        assertFalse(output.contains("not refused"), output);
    }

    /** Main class of the child JVM started with {@code -Dbertlab.threads=dynamic}. */
    public static final class DynamicThreads {

        private DynamicThreads() {
        }

        public static void main(final String[] args) {
            System.out.println("fixed=" + TorchThreads.fixed() + " " + DjlRuntime.describe());
            try {
                ExperimentReport.requireReproducibleThreads();
                System.out.println("not refused");
            } catch (IllegalStateException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
    }
}
