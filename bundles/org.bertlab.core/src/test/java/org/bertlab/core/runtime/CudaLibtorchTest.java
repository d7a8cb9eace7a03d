package org.bertlab.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import ai.djl.pytorch.jni.LibUtils;

/**
 * The check of a user-named CUDA libtorch folder, on folders laid out as a libtorch archive or a PyTorch installation
 * lays them out, with empty files standing in for the libraries (the check looks at names and the version file; no
 * library is loaded: this machine has no GPU).
 */
class CudaLibtorchTest {

    private static final String LINUX = "Linux";

    private static final String X64 = "amd64";

    private static final List<String> LINUX_LIBS =
        List.of("libtorch.so", "libtorch_cpu.so", "libc10.so", "libtorch_cuda.so", "libc10_cuda.so");

    private static final List<String> WINDOWS_LIBS =
        List.of("torch.dll", "torch_cpu.dll", "c10.dll", "torch_cuda.dll", "c10_cuda.dll");

    @TempDir
    Path tmp;

    /** A libtorch archive's layout: build-version and lib/ with the given files. */
    private Path libtorch(final String version, final List<String> libs) throws IOException {
        final Path root = Files.createDirectories(tmp.resolve("libtorch"));
        Files.writeString(root.resolve("build-version"), version + "\n");
        final Path lib = Files.createDirectories(root.resolve("lib"));
        for (final String name : libs) {
            Files.createFile(lib.resolve(name));
        }
        return root;
    }

    private static String failure(final Path folder, final String os, final String arch) {
        return assertThrows(IllegalArgumentException.class, () -> CudaLibtorch.check(folder, os, arch)).getMessage();
    }

    @Test
    void completeLibtorchArchiveIsAccepted() throws IOException {
        final Path root = libtorch("2.7.1+cu128", LINUX_LIBS);
        assertEquals(root.resolve("lib"), CudaLibtorch.check(root, LINUX, X64));
        // its lib folder works as well
        assertEquals(root.resolve("lib"), CudaLibtorch.check(root.resolve("lib"), LINUX, X64));
    }

    @Test
    void pytorchInstallationIsAccepted() throws IOException {
        final Path torch = Files.createDirectories(tmp.resolve("site-packages/torch"));
        Files.writeString(torch.resolve("version.py"), "from typing import Optional\n\n__all__ = ['__version__']\n"
            + "__version__ = '2.7.1+cu128'\ndebug = False\ncuda: Optional[str] = '12.8'\n");
        final Path lib = Files.createDirectories(torch.resolve("lib"));
        for (final String name : WINDOWS_LIBS) {
            Files.createFile(lib.resolve(name));
        }
        assertEquals(lib, CudaLibtorch.check(torch, "Windows 11", X64));
    }

    @Test
    void missingLibrariesAreNamedWithTheFolderAndWhatWasExpected() throws IOException {
        final Path root = libtorch("2.7.1+cu128", List.of("libtorch.so", "libc10.so", "libtorch_cuda.so"));
        final String message = failure(root, LINUX, X64);
        assertTrue(message.startsWith("CUDA libtorch folder " + root + ": missing libtorch_cpu.so, libc10_cuda.so in "
            + root.resolve("lib") + "."), message);
        assertTrue(message.contains("Expected an unpacked libtorch 2.7.1+cu128"), message);
        for (final String name : LINUX_LIBS) {
            assertTrue(message.contains(name), name + " in " + message);
        }
    }

    @Test
    void emptyFolderNamesEveryExpectedLibrary() throws IOException {
        final Path empty = Files.createDirectories(tmp.resolve("empty"));
        final String message = failure(empty, LINUX, X64);
        assertTrue(message.contains("missing " + String.join(", ", LINUX_LIBS) + " in " + empty), message);
    }

    @Test
    void windowsNamesTheWindowsLibraries() throws IOException {
        final String message = failure(Files.createDirectories(tmp.resolve("empty")), "Windows 10", X64);
        assertTrue(message.contains("missing " + String.join(", ", WINDOWS_LIBS)), message);
    }

    @Test
    void cpuOnlyLibtorchIsCalledSo() throws IOException {
        final Path root = libtorch("2.7.1+cpu", List.of("libtorch.so", "libtorch_cpu.so", "libc10.so"));
        final String message = failure(root, LINUX, X64);
        assertTrue(message.contains("a CPU-only libtorch (no libtorch_cuda.so, libc10_cuda.so)"), message);
    }

    @Test
    void otherVersionOrCudaFlavourIsRefused() throws IOException {
        final Path root = libtorch("2.6.0+cu126", LINUX_LIBS);
        final String message = failure(root, LINUX, X64);
        assertTrue(message.contains("it is libtorch 2.6.0+cu126, but DJL's glue needs exactly 2.7.1+cu128"),
            message);
    }

    @Test
    void folderWithoutVersionFileSaysWhichFilesWereLookedFor() throws IOException {
        final Path root = libtorch("2.7.1+cu128", LINUX_LIBS);
        Files.delete(root.resolve("build-version"));
        final String message = failure(root, LINUX, X64);
        assertTrue(message.contains("cannot tell its version: neither " + root.resolve("build-version")
            + " (libtorch archive) nor " + root.resolve("version.py")), message);
    }

    @Test
    void missingFolderAndPlatformsWithoutCudaGlue() {
        final Path nowhere = tmp.resolve("nowhere");
        assertTrue(failure(nowhere, LINUX, X64).contains(nowhere + ": no such folder."));
        assertTrue(failure(tmp, "Mac OS X", "aarch64").contains("exists only for Linux x86_64 and Windows x86_64"));
        assertTrue(failure(tmp, LINUX, "aarch64").contains("not for Linux aarch64"));
    }

    @Test
    void djlIsToldTheFolderTheCudaFlavourAndTheVersion() throws IOException {
        final Path lib = CudaLibtorch.check(libtorch("2.7.1+cu128", LINUX_LIBS), LINUX, X64);
        assertEquals(Map.of("PYTORCH_LIBRARY_PATH", lib.toAbsolutePath().toString(), "PYTORCH_FLAVOR", "cu128",
            "PYTORCH_VERSION", "2.7.1"), CudaLibtorch.djlProperties(lib));
    }

    /**
     * DJL's own override lookup (LibUtils.findLibraryInPath, private in DJL 0.36) takes the folder we name, with the
     * cu128 flavour and version 2.7.1 that pick the CUDA JNI glue from pytorch-jni: the contract with DJL, checked
     * against DJL's code rather than restated. Nothing is loaded.
     */
    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void djlsOwnLookupTakesTheFolderAsCudaLibtorch() throws Exception {
        final Path lib = CudaLibtorch.check(libtorch("2.7.1+cu128", LINUX_LIBS), LINUX, X64);
        final Map<String, String> properties = CudaLibtorch.djlProperties(lib);
        properties.keySet().forEach(k -> assertEquals(null, System.getProperty(k), k + " already set"));
        properties.forEach(System::setProperty);
        try {
            final Method find = LibUtils.class.getDeclaredMethod("findLibraryInPath", String.class);
            find.setAccessible(true);
            final Object libTorch = find.invoke(null, properties.get("PYTORCH_LIBRARY_PATH"));
            assertEquals(lib.toAbsolutePath(), field(libTorch, "dir"));
            assertEquals("cu128", field(libTorch, "flavor"));
            assertEquals("2.7.1", field(libTorch, "version"));
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    private static Object field(final Object target, final String name) throws ReflectiveOperationException {
        final Field f = target.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
    }
}
