package org.bertlab.knime.util;

import java.util.List;

import org.bertlab.core.encoder.BertConfig;
import org.bertlab.core.model.BertModel;
import org.bertlab.knime.port.BertModelPortObjectSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.NodeContext;

/** Port specs from engine models and configs. */
public final class ModelSpecs {

    private ModelSpecs() {
    }

    /** The spec of a loaded model; the token mapping is read from the model's attachments. */
    public static BertModelPortObjectSpec of(final BertModel model) {
        final byte[] mapping = model.attachments().get("token_mapping.tsv");
        final String mappingText = mapping == null ? "" : "token_mapping.tsv (" + countLines(mapping) + " lines)";
        return new BertModelPortObjectSpec(architecture(model.headNames()), model.config(), model.headNames(),
            mappingText, model.source(), true);
    }

    /** The spec known before loading: sizes from config.json, heads unknown until the weights are read. */
    public static BertModelPortObjectSpec of(final BertConfig config, final String source) {
        return new BertModelPortObjectSpec(config.labels().isEmpty() ? "BertModel" : "BertForSequenceClassification",
            config, List.of(), "", source, false);
    }

    /** The transformers class that loads a model with these heads. */
    public static String architecture(final List<String> heads) {
        if (heads.stream().anyMatch(h -> h.startsWith("classifier"))) {
            return "BertForSequenceClassification";
        }
        if (heads.contains("question-answering")) {
            return "BertForQuestionAnswering";
        }
        if (heads.contains("masked-lm")) {
            return "BertForMaskedLM";
        }
        return "BertModel";
    }

    /**
     * Whether a data input port (counted from 0, as the node description counts) has a connection. Outside a
     * workflow (no node context) a port counts as not connected.
     */
    public static boolean isConnected(final int dataPort) {
        final NodeContext context = NodeContext.getContext();
        final NodeContainer node = context == null ? null : context.getNodeContainer();
        if (node == null || node.getParent() == null) {
            return false;
        }
        // KNIME's port 0 is the flow variable port
        return node.getParent().getIncomingConnectionFor(node.getID(), dataPort + 1) != null;
    }

    /** The model spec at an input port, or an error naming the port. */
    public static BertModelPortObjectSpec require(final PortObjectSpec spec) throws InvalidSettingsException {
        if (!(spec instanceof BertModelPortObjectSpec s)) {
            throw new InvalidSettingsException("Connect a BERT model (e.g. from the Load BERT node) to the model port");
        }
        return s;
    }

    private static int countLines(final byte[] text) {
        int lines = 0;
        for (final byte b : text) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
