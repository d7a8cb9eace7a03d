package org.bertlab.knime.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bertlab.core.runtime.CudaLibtorch;
import org.bertlab.knime.nodes.load.LoadBertTesting;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preference naming a CUDA libtorch reaches the engine, and a folder that holds none fails the node with the
 * engine's message naming the expected files. (Its own JVM: a named folder stays in force for the JVM's life, as the
 * natives load once; the test removes it afterwards all the same.)
 */
class CudaLibtorchPreferenceTest {

    @TempDir
    Path tmp;

    @Test
    void wrongFolderInThePreferenceFailsTheNodeWithWhatWasExpected() throws Exception {
        assertNull(CudaLibtorch.configured(), "a CUDA libtorch is already configured for this JVM");
        final Path folder = Files.createDirectories(tmp.resolve("libtorch/lib"));
        Files.createFile(folder.resolve("libtorch.so"));
        final IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(BertPreferences.NODE);
        prefs.put(BertPreferences.KEY_LIBTORCH, folder.toString());
        try {
            assertEquals(folder.toString(), BertPreferences.cudaLibtorchFolder());
            final Exception e = assertThrows(Exception.class, LoadBertTesting::loadDefault);
            assertEquals(folder.toString(), System.getProperty(CudaLibtorch.PROPERTY));
            assertTrue(e.getMessage().contains("CUDA libtorch folder " + folder + ": missing libtorch_cpu.so, "
                + "libc10.so, libtorch_cuda.so, libc10_cuda.so in " + folder), e.getMessage());
        } finally {
            prefs.remove(BertPreferences.KEY_LIBTORCH);
            System.clearProperty(CudaLibtorch.PROPERTY);
        }
    }
}
