package org.bertlab.knime.nodes.exampledata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bertlab.core.align.DemoData;
import org.bertlab.core.corpus.CorpusGenerator;
import org.bertlab.core.corpus.CorpusOptions;
import org.bertlab.core.corpus.Sequence;
import org.bertlab.core.train.SquadJson;
import org.bertlab.core.train.experiment.ZeroShotExperiment;
import org.bertlab.core.train.experiment.ZeroShotQaExperiment;
import org.bertlab.knime.util.QaTables;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;

/**
 * The CC0 data sets the engine ships (READMEs beside them in org.bertlab.core's resources), each in the table shape
 * the nodes downstream take. The drop-down shows {@link #label()}, which is also what the settings store.
 */
enum ExampleDataSet {

    /** DemoData's dictionary: the pairs of Dictionary MRR and Language Offset. */
    DICTIONARY("English-Chinese dictionary", new DataTableSpec(string("en"), string("zh"))),

    /** DemoData's two corpora, English and Chinese rows alternating, so that the first rows hold both languages. */
    SENTENCES("English and Chinese sentences", new DataTableSpec(string("text"), string("lang"))),

    /** topics-en-zh.tsv: the data of the zero-shot topic classification experiment. */
    TOPICS("Topic sentences, English and Chinese", new DataTableSpec(
        new DataColumnSpecCreator("id", IntCell.TYPE).createSpec(), string("topic"), string("en"), string("zh"))),

    /** The Artificial Corpus Generator's DNA kind with fixed settings, in its table shape. */
    DNA("DNA sequences with a planted motif", new DataTableSpec(string("sequence"),
        new DataColumnSpecCreator("length", IntCell.TYPE).createSpec(),
        new DataColumnSpecCreator("label", IntCell.TYPE).createSpec())),

    QA_EN_TRAIN("QA English training", QaTables.SPEC, "qa-en-train.json"),

    QA_ZH_TRAIN("QA Chinese training", QaTables.SPEC, "qa-zh-train.json"),

    QA_EN_TEST("QA English test", QaTables.SPEC, "qa-en-test.json"),

    QA_ZH_TEST("QA Chinese test", QaTables.SPEC, "qa-zh-test.json");

    /** The fixed settings of {@link #DNA}: 200 sequences of 40 to 60 bases, half of them holding the motif. */
    static final CorpusOptions DNA_OPTIONS = CorpusOptions.builder().kind("dna").count(200).minLength(40)
        .maxLength(60).seed(2019).build();

    private final String m_label;

    private final DataTableSpec m_spec;

    private final String m_qaFile;

    ExampleDataSet(final String label, final DataTableSpec spec) {
        this(label, spec, null);
    }

    ExampleDataSet(final String label, final DataTableSpec spec, final String qaFile) {
        m_label = label;
        m_spec = spec;
        m_qaFile = qaFile;
    }

    String label() {
        return m_label;
    }

    DataTableSpec spec() {
        return m_spec;
    }

    static String[] labels() {
        return Arrays.stream(values()).map(ExampleDataSet::label).toArray(String[]::new);
    }

    /** @throws IllegalArgumentException naming the known data sets */
    static ExampleDataSet of(final String label) {
        for (final ExampleDataSet set : values()) {
            if (set.m_label.equals(label)) {
                return set;
            }
        }
        throw new IllegalArgumentException("unknown data set '" + label + "'; one of " + String.join(", ",
            labels()));
    }

    /** True for the QA sets, whose rows come from {@link #qaItems()}. */
    boolean isQa() {
        return m_qaFile != null;
    }

    /** The QA set's questions, read with the engine's SQuAD reader. */
    List<SquadJson.Item> qaItems() throws IOException {
        try (InputStream in = ZeroShotQaExperiment.class.getResourceAsStream(ZeroShotQaExperiment.DATA + m_qaFile)) {
            return SquadJson.read(in, m_qaFile).items();
        }
    }

    /** The rows of the non-QA sets, cells in {@link #spec()} order. */
    List<DataCell[]> rows() throws IOException {
        return switch (this) {
            case DICTIONARY -> DemoData.lines(DemoData.DICTIONARY).stream().filter(line -> !line.isBlank())
                .map(line -> line.split("\t", -1)).map(pair -> cells(pair[0], pair[1])).toList();
            case SENTENCES -> sentences();
            case TOPICS -> topics();
            case DNA -> dna();
            default -> throw new IllegalStateException(m_label + " is a QA set");
        };
    }

    private static List<DataCell[]> sentences() {
        final List<String> en = DemoData.englishCorpus();
        final List<String> zh = DemoData.chineseCorpus();
        final List<DataCell[]> rows = new ArrayList<>();
        for (int i = 0; i < Math.max(en.size(), zh.size()); i++) {
            if (i < en.size()) {
                rows.add(cells(en.get(i), "en"));
            }
            if (i < zh.size()) {
                rows.add(cells(zh.get(i), "zh"));
            }
        }
        return rows;
    }

    private static List<DataCell[]> topics() throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            ZeroShotExperiment.class.getResourceAsStream(ZeroShotExperiment.DATA), StandardCharsets.UTF_8))) {
            in.readLine(); // header: id, topic, en, zh
            final List<DataCell[]> rows = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                final String[] f = line.split("\t", -1);
                rows.add(new DataCell[]{new IntCell(Integer.parseInt(f[0])), new StringCell(f[1]),
                    new StringCell(f[2]), new StringCell(f[3])});
            }
            return rows;
        }
    }

    private static List<DataCell[]> dna() {
        final CorpusGenerator generator = new CorpusGenerator(DNA_OPTIONS);
        final List<DataCell[]> rows = new ArrayList<>();
        while (generator.hasNext()) {
            final Sequence s = generator.next();
            rows.add(new DataCell[]{new StringCell(String.join(" ", s.tokens())), new IntCell(s.length()),
                s.label().isPresent() ? new IntCell(s.label().getAsInt()) : DataType.getMissingCell()});
        }
        return rows;
    }

    private static DataCell[] cells(final String... values) {
        return Arrays.stream(values).map(StringCell::new).toArray(DataCell[]::new);
    }

    private static org.knime.core.data.DataColumnSpec string(final String name) {
        return new DataColumnSpecCreator(name, StringCell.TYPE).createSpec();
    }
}
