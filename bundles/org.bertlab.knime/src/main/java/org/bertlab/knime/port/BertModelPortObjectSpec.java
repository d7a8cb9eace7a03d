package org.bertlab.knime.port;

import java.util.List;

import javax.swing.JComponent;
import javax.swing.JEditorPane;
import javax.swing.JScrollPane;

import org.bertlab.core.encoder.BertConfig;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;

/**
 * What a downstream dialog or configure step knows about a BERT before any weights are read: its architecture,
 * sizes, heads, token mapping and where it came from. Known at configure time from {@code config.json} alone.
 */
public final class BertModelPortObjectSpec extends AbstractSimplePortObjectSpec {

    /** Registered at {@code org.knime.core.PortType} in plugin.xml. */
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<BertModelPortObjectSpec> {
    }

    private String m_architecture = "";

    private int m_layers;

    private int m_hidden;

    private int m_vocab;

    private int m_attentionHeads;

    private String[] m_heads = new String[0];

    private String[] m_labels = new String[0];

    private String m_tokenMapping = "";

    private String m_source = "";

    /** Whether the weights were read (heads known), or the spec came from config.json alone. */
    private boolean m_weightsRead;

    /** The device the model runs on ("cpu", "gpu:0"): nodes downstream run it there unless told otherwise. */
    private String m_device = "cpu";

    /** "fp32", "fp16" or "int8" (fp32 weights, int8 matrix products on the CPU). */
    private String m_precision = "fp32";

    /** For the serializer. */
    public BertModelPortObjectSpec() {
    }

    /**
     * @param architecture the transformers class the model saves as (e.g. BertForSequenceClassification)
     * @param config sizes and labels
     * @param heads the heads whose weights are present (pooler, masked-lm, classifier, question-answering)
     * @param tokenMapping a one-line description of the cross-discipline token mapping, or empty
     * @param source where the model came from
     * @param weightsRead whether the heads are known (weights read), or only config.json was
     */
    public BertModelPortObjectSpec(final String architecture, final BertConfig config, final List<String> heads,
        final String tokenMapping, final String source, final boolean weightsRead) {
        m_weightsRead = weightsRead;
        m_architecture = architecture;
        m_layers = config.numLayers();
        m_hidden = config.hiddenSize();
        m_vocab = config.vocabSize();
        m_attentionHeads = config.numHeads();
        m_heads = heads.toArray(String[]::new);
        m_labels = config.labels().toArray(String[]::new);
        m_tokenMapping = tokenMapping;
        m_source = source;
    }

    /** This spec with the device and precision the model runs with. */
    public BertModelPortObjectSpec withRuntime(final String device, final String precision) {
        final BertModelPortObjectSpec spec = copy();
        spec.m_device = device;
        spec.m_precision = precision;
        return spec;
    }

    /** The device the model runs on ("cpu", "gpu:0"), as its loader was asked. */
    public String getDevice() {
        return m_device;
    }

    /** "fp32", "fp16" or "int8". */
    public String getPrecision() {
        return m_precision;
    }

    /**
     * The spec of a model that training will make from this one, known before training: the same sizes and source,
     * the architecture the task saves as, no labels or heads yet (they come with the data), weights not read.
     */
    public BertModelPortObjectSpec beforeTraining(final String architecture) {
        final BertModelPortObjectSpec spec = copy();
        spec.m_architecture = architecture;
        spec.m_heads = new String[0];
        spec.m_labels = new String[0];
        spec.m_weightsRead = false;
        return spec;
    }

    /** The same model with a token mapping, described in one line. */
    public BertModelPortObjectSpec withTokenMapping(final String description) {
        final BertModelPortObjectSpec spec = copy();
        spec.m_tokenMapping = description;
        return spec;
    }

    private BertModelPortObjectSpec copy() {
        final BertModelPortObjectSpec spec = new BertModelPortObjectSpec();
        spec.m_architecture = m_architecture;
        spec.m_layers = m_layers;
        spec.m_hidden = m_hidden;
        spec.m_vocab = m_vocab;
        spec.m_attentionHeads = m_attentionHeads;
        spec.m_heads = m_heads.clone();
        spec.m_labels = m_labels.clone();
        spec.m_tokenMapping = m_tokenMapping;
        spec.m_source = m_source;
        spec.m_weightsRead = m_weightsRead;
        spec.m_device = m_device;
        spec.m_precision = m_precision;
        return spec;
    }

    public String getArchitecture() {
        return m_architecture;
    }

    public int getLayers() {
        return m_layers;
    }

    public int getHiddenSize() {
        return m_hidden;
    }

    public int getVocabularySize() {
        return m_vocab;
    }

    public int getAttentionHeads() {
        return m_attentionHeads;
    }

    public List<String> getHeads() {
        return List.of(m_heads);
    }

    public List<String> getLabels() {
        return List.of(m_labels);
    }

    public String getTokenMapping() {
        return m_tokenMapping;
    }

    /** False for a spec computed at configure time from config.json: the heads are not known yet. */
    public boolean isWeightsRead() {
        return m_weightsRead;
    }

    public String getSource() {
        return m_source;
    }

    /** One line per property, for the port tooltip and the spec view. */
    public String describe() {
        return String.format("architecture: %s%nlayers: %d%nhidden size: %d%nvocabulary: %d%nattention heads: %d%n"
            + "heads present: %s%nlabels: %s%ntoken mapping: %s%nsource: %s%ndevice: %s%nprecision: %s", m_architecture, m_layers, m_hidden,
            m_vocab, m_attentionHeads, m_heads.length == 0 ? "none" : String.join(", ", m_heads),
            m_labels.length == 0 ? "none" : String.join(", ", m_labels),
            m_tokenMapping.isEmpty() ? "none" : m_tokenMapping, m_source, m_device, m_precision);
    }

    @Override
    protected void save(final ModelContentWO model) {
        model.addString("architecture", m_architecture);
        model.addInt("layers", m_layers);
        model.addInt("hidden", m_hidden);
        model.addInt("vocab", m_vocab);
        model.addInt("attention_heads", m_attentionHeads);
        model.addStringArray("heads", m_heads);
        model.addStringArray("labels", m_labels);
        model.addString("token_mapping", m_tokenMapping);
        model.addString("source", m_source);
        model.addBoolean("weights_read", m_weightsRead);
        model.addString("device", m_device);
        model.addString("precision", m_precision);
    }

    @Override
    protected void load(final ModelContentRO model) throws InvalidSettingsException {
        m_architecture = model.getString("architecture");
        m_layers = model.getInt("layers");
        m_hidden = model.getInt("hidden");
        m_vocab = model.getInt("vocab");
        m_attentionHeads = model.getInt("attention_heads");
        m_heads = model.getStringArray("heads");
        m_labels = model.getStringArray("labels");
        m_tokenMapping = model.getString("token_mapping");
        m_source = model.getString("source");
        m_weightsRead = model.getBoolean("weights_read", true);
        m_device = model.getString("device", "cpu");
        m_precision = model.getString("precision", "fp32");
    }

    @Override
    public JComponent[] getViews() {
        final JEditorPane text = new JEditorPane("text/plain", describe());
        text.setEditable(false);
        final JScrollPane view = new JScrollPane(text);
        view.setName("BERT Model");
        return new JComponent[]{view};
    }
}
