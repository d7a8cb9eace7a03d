package org.bertlab.knime.testing;

import java.util.ArrayList;
import java.util.List;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.ModelLoadException;
import org.bertlab.knime.nodes.load.LoadBertTesting;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.port.ModelCache;

/** The built-in default model, loaded once per test JVM through the Load BERT node, and models read from ports. */
public final class Models {

    private static BertModelPortObject defaultModel;

    /** Holds taken by checks in tests; the test JVM ends with them (node lifecycles are tested on their own). */
    private static final List<ModelCache.Lease> CHECKS = new ArrayList<>();

    private Models() {
    }

    public static synchronized BertModelPortObject defaultModel() throws Exception {
        if (defaultModel == null) {
            defaultModel = LoadBertTesting.loadDefault();
        }
        return defaultModel;
    }

    /** The model at a port, for a test to compare a node's output with the engine's own result. */
    public static synchronized BertModel model(final BertModelPortObject port) throws ModelLoadException {
        final ModelCache.Lease lease = port.open();
        CHECKS.add(lease);
        return lease.model();
    }
}
