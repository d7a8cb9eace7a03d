package org.bertlab.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.TrainableModel;
import org.bertlab.core.runtime.DjlRuntime;
import org.bertlab.core.testing.TestModels;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource.Mode;
import org.junit.jupiter.params.provider.EnumSource;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Early stopping's copy of the best weights: a copy, not a view, in the model's own type, and nothing of it left
 * in the model's manager but the restored weights. (fp16 models run on GPUs only, but PyTorch holds fp16 weights on
 * the CPU too, which is all this needs; DJL 0.36 cannot make a bf16 tensor at all.)
 */
class EarlyStoppingSnapshotTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT32", "FLOAT16"}, mode = Mode.INCLUDE)
    void restoresTheSnapshotBitForBitInTheModelsTypeWithoutLeavingTemporaries(final DataType type) {
        try (TrainableModel trainable = TestModels.tinyTrainable(dir, 3)) {
            final BertModel model = trainable.model();
            DjlRuntime.run(() -> {
                for (final String name : model.parameters().names().toArray(String[]::new)) {
                    trainable.parameters().put(name, model.parameters().get(name).toType(type, false));
                }
                final Map<String, float[]> original = values(model);
                final int arrays = trainable.parameters().manager().getManagedArrays().size();

                trainable.parameters().requireGradients(name -> true);
                final TrainingLoop.Snapshot snapshot = TrainingLoop.Snapshot.of(model);
                trainable.parameters().requireGradients(name -> false);
                // Training goes on and changes the weights in place, as the optimizer does.
                model.parameters().entries().forEach(e -> e.getValue().muli(2));
                assertFalse(java.util.Arrays.equals(original.get("pooler.dense.weight"),
                    values(model).get("pooler.dense.weight")), "the weights changed after the snapshot");

                snapshot.restoreInto(trainable);
                snapshot.close();
                final Map<String, float[]> restored = values(model);
                assertEquals(original.keySet(), restored.keySet());
                original.forEach((name, w) -> assertArrayEquals(w, restored.get(name), 0f, name));
                model.parameters().entries().forEach(e -> {
                    assertEquals(type, e.getValue().getDataType(), e.getKey());
                    assertFalse(e.getValue().hasGradient(), e.getKey());
                });
                assertEquals(arrays, trainable.parameters().manager().getManagedArrays().size(),
                    "the model's manager holds its weights and nothing else");
            });
        }
    }

    private static Map<String, float[]> values(final BertModel model) {
        final Map<String, float[]> values = new LinkedHashMap<>();
        for (final Map.Entry<String, NDArray> e : model.parameters().entries()) {
            try (NDArray f = e.getValue().toType(DataType.FLOAT32, true)) {
                values.put(e.getKey(), f.toFloatArray());
            }
        }
        return values;
    }
}
