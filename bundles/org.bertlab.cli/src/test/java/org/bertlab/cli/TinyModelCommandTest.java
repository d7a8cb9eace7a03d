package org.bertlab.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Command tests on one tiny random model per test class, with a fresh folder per test. */
abstract class TinyModelCommandTest {

    @TempDir
    static Path shared;

    /** The tiny model's folder ({@link CommandRunner#tinyModel}). */
    static Path model;

    /** A folder of this test's own, removed after it. */
    @TempDir
    Path dir;

    @BeforeAll
    static void tinyModel() throws IOException {
        model = CommandRunner.tinyModel(shared.resolve("tiny"));
    }
}
