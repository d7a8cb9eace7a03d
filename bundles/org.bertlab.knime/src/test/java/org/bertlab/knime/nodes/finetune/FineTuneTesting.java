package org.bertlab.knime.nodes.finetune;

import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.testing.Models;
import org.bertlab.knime.testing.NodeTesting;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/** A small sentiment classifier trained by the Fine-Tune node, for its own and the Predictor's tests. */
public final class FineTuneTesting {

    public static final String[][] TRAIN = {{"great film, loved it", "pos"}, {"wonderful and moving", "pos"},
        {"a delight", "pos"}, {"terrible, boring film", "neg"}, {"awful and dull", "neg"}, {"a waste of time", "neg"},
        {null, "pos"}};

    private static PortObject[] trained;

    private static String trainedWarning;

    private FineTuneTesting() {
    }

    /** [model, statistics] of one training run, shared by the tests of a JVM; appends the node's warning. */
    public static synchronized PortObject[] trained(final StringBuilder warning) throws Exception {
        if (trained == null) {
            final FineTuneNodeFactory factory = new FineTuneNodeFactory();
            final ExecutionContext exec = NodeTesting.exec(factory);
            final BertModelPortObject port = Models.defaultModel();
            final BufferedDataTable train = NodeTesting.strings(exec, new String[]{"text", "label"}, TRAIN);
            final FineTuneNodeModel model = factory.createNodeModel();
            model.settings().m_text.setStringValue("text");
            model.settings().m_label.setStringValue("label");
            model.settings().m_epochs.setIntValue(2);
            model.settings().m_batch.setIntValue(3);
            model.settings().m_lr.setDoubleValue(1e-4);
            model.settings().m_maxLength.setIntValue(32);
            // classify without a second text column: the dialog stores its <none> as null
            final NodeSettings written = NodeTesting.throughDialog(model, new FineTuneNodeDialog(), port.getSpec(),
                train.getDataTableSpec(), null);
            if (written.getString(FineTuneSettings.KEY_PAIR) != null || !"classify".equals(
                written.getString(FineTuneSettings.KEY_TASK))) {
                throw new IllegalStateException("the dialog wrote " + written);
            }
            model.configure(new PortObjectSpec[]{port.getSpec(), train.getDataTableSpec(), null});
            trained = model.execute(new PortObject[]{port, train, null}, exec);
            trainedWarning = model.warning();
        }
        warning.append(trainedWarning);
        return trained;
    }
}
