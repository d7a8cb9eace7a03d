package org.bertlab.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.BiFunction;

import org.bertlab.core.testing.GarbageCollection;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;

/** Constants in a training graph survive a garbage collection between forward and backward. */
class GraphScalarsTest {

    private static final float[] X = {1f, -2f, 3.5f, 1e-3f};

    @Test
    void theGradientOfAProductWithAConstantIsTheConstantEvenAfterACollection() {
        assertEquals(0.125f, gradientAfterCollection((x, c) -> GraphScalars.times(x, c), 0.125f), 0f);
        assertEquals(0.5f, gradientAfterCollection((x, c) -> GraphScalars.dividedBy(x, c), 2f), 0f);
    }

    @Test
    void valuesAreThoseOfJavaArithmeticAndOfDjlsNumberOverloadsInFp32AndFp16() {
        DjlRuntime.run(() -> {
            try (NDManager m = NDManager.newBaseManager()) {
                final NDArray x = m.create(X);
                final float[] times = GraphScalars.times(x, 0.1f).toFloatArray();
                final float[] divided = GraphScalars.dividedBy(x, 3f).toFloatArray();
                for (int i = 0; i < X.length; i++) {
                    assertEquals(X[i] * 0.1f, times[i], 0f);
                    assertEquals(X[i] / 3f, divided[i], 0f);
                }
                // The same results as DJL's number overloads, bit for bit, in both precisions.
                for (final DataType type : new DataType[]{DataType.FLOAT32, DataType.FLOAT16}) {
                    final NDArray y = x.toType(type, false);
                    final NDArray ours = GraphScalars.times(y, 0.1f);
                    assertEquals(type, ours.getDataType());
                    assertArrayEquals(y.mul(0.1f).toType(DataType.FLOAT32, false).toFloatArray(),
                        ours.toType(DataType.FLOAT32, false).toFloatArray(), 0f);
                    assertArrayEquals(y.div(3f).toType(DataType.FLOAT32, false).toFloatArray(),
                        GraphScalars.dividedBy(y, 3f).toType(DataType.FLOAT32, false).toFloatArray(), 0f);
                }
            }
        });
    }

    /** d(sum(op(x, c)))/dx for every element, all equal; a collection runs between forward and backward. */
    private static float gradientAfterCollection(final BiFunction<NDArray, Float, NDArray> op, final float c) {
        return DjlRuntime.call(() -> {
            try (NDManager m = NDManager.newBaseManager()) {
                final NDArray x = m.create(X);
                x.setRequiresGradient(true);
                try (GradientCollector collector = DjlRuntime.engine().newGradientCollector()) {
                    final NDArray y = op.apply(x, c).sum();
                    GarbageCollection.collectAndRunCleaners();
                    collector.backward(y);
                }
                final float[] gradient = x.getGradient().toFloatArray();
                for (final float g : gradient) {
                    assertEquals(gradient[0], g, 0f);
                }
                return gradient[0];
            }
        });
    }
}
