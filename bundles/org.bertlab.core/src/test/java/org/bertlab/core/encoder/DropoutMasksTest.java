package org.bertlab.core.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.bertlab.core.runtime.DjlRuntime;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/** Statistical and exact properties of dropout with masks drawn in Java. */
class DropoutMasksTest {

    @Test
    void dropsAtTheRateAndScalesTheRest() {
        DjlRuntime.run(() -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                DropoutMasks.seed(1);
                final int n = 1_000_000;
                final float[] y = DropoutMasks.apply(manager.ones(new Shape(n)), 0.1f).toFloatArray();
                int dropped = 0;
                double sum = 0;
                for (final float v : y) {
                    if (v == 0f) {
                        dropped++;
                    } else {
                        assertEquals(1f / 0.9f, v, 0f, "a kept element is scaled by 1 / (1 - rate)");
                    }
                    sum += v;
                }
                // Binomial(1e6, 0.1): standard deviation 0.0003 of the fraction; 0.002 is more than 6 of them.
                assertEquals(0.1, dropped / (double)n, 0.002, "fraction dropped");
                assertEquals(1.0, sum / n, 0.003, "dropout keeps the expectation");
            }
        });
    }

    @Test
    void theSameSeedGivesTheSameMaskAndSizesNeedNotBeMultiplesOfFour() {
        DjlRuntime.run(() -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                final NDArray x = manager.ones(new Shape(3, 7));
                DropoutMasks.seed(42);
                final float[] a = DropoutMasks.apply(x, 0.5f).toFloatArray();
                DropoutMasks.seed(42);
                final float[] b = DropoutMasks.apply(x, 0.5f).toFloatArray();
                DropoutMasks.seed(43);
                final float[] c = DropoutMasks.apply(x, 0.5f).toFloatArray();
                assertEquals(21, a.length);
                assertArrayEquals(a, b, 0f);
                assertFalse(Arrays.equals(a, c), "another seed, another mask");
                for (final float v : a) {
                    assertTrue(v == 0f || v == 2f, "value " + v);
                }
            }
        });
    }

    @Test
    void theGradientIsTheScaledMask() {
        DjlRuntime.run(() -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                final NDArray x = manager.randomUniform(-1, 1, new Shape(4, 33));
                x.setRequiresGradient(true);
                final float[] y;
                final float[] input = x.toFloatArray();
                try (GradientCollector collector = DjlRuntime.engine().newGradientCollector()) {
                    final NDArray out = DropoutMasks.apply(x, 0.25f);
                    y = out.toFloatArray();
                    collector.backward(out.sum());
                }
                final float[] gradient = x.getGradient().toFloatArray();
                for (int i = 0; i < y.length; i++) {
                    final float expected = y[i] == 0f ? 0f : 1f / 0.75f;
                    assertEquals(expected, gradient[i], 1e-6f, "d out / d x at " + i);
                    assertEquals(input[i] * gradient[i], y[i], 1e-6f, "out = x × scaled mask at " + i);
                }
            }
        });
    }
}
