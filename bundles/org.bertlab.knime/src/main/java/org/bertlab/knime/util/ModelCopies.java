package org.bertlab.knime.util;

import java.io.IOException;
import java.nio.file.Path;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoadException;
import org.bertlab.core.model.ModelLoader;
import org.knime.core.util.FileUtil;

/**
 * Copies of models. A port object's model may feed several nodes, so nodes that change a model (training, token
 * mapping) work on a copy made through the engine's own save and load.
 */
public final class ModelCopies {

    private ModelCopies() {
    }

    /** A copy loaded with the options of the port the model came from (its device and precision). */
    public static BertModel copy(final BertModel model, final LoadOptions options)
        throws IOException, ModelLoadException {
        final Path folder = FileUtil.createTempDir("bertlab-copy").toPath();
        try {
            model.save(folder);
            // the saved tokenizer already says how it lower-cases
            return ModelLoader.load(folder, options.withLowercase(null));
        } finally {
            FileUtil.deleteRecursively(folder.toFile());
        }
    }
}
