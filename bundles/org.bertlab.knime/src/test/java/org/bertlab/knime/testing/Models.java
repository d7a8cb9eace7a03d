package org.bertlab.knime.testing;

import org.bertlab.knime.nodes.load.LoadBertTesting;
import org.bertlab.knime.port.BertModelPortObject;

/** The built-in default model, loaded once per test JVM through the Load BERT node. */
public final class Models {

    private static BertModelPortObject defaultModel;

    private Models() {
    }

    public static synchronized BertModelPortObject defaultModel() throws Exception {
        if (defaultModel == null) {
            defaultModel = LoadBertTesting.loadDefault();
        }
        return defaultModel;
    }
}
