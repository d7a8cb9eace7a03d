package org.bertlab.knime.util;

import java.io.IOException;
import java.nio.file.Path;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoadException;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.knime.prefs.BertPreferences;
import org.knime.core.util.FileUtil;

/**
 * Copies of models. A port object's model may feed several nodes, so nodes that change a model (training, token
 * mapping) work on a copy made through the engine's own save and load.
 */
public final class ModelCopies {

    private ModelCopies() {
    }

    public static BertModel copy(final BertModel model) throws IOException, ModelLoadException {
        final Path folder = FileUtil.createTempDir("bertlab-copy").toPath();
        try {
            model.save(folder);
            return ModelLoader.load(folder, LoadOptions.DEFAULT.withDevice(BertPreferences.defaultDevice()));
        } finally {
            FileUtil.deleteRecursively(folder.toFile());
        }
    }
}
