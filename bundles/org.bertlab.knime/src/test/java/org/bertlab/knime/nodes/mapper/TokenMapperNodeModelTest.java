package org.bertlab.knime.nodes.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bertlab.core.mapping.SymbolTokenizer;
import org.bertlab.core.mapping.TokenMapping;
import org.bertlab.core.mapping.VocabularyCandidates;
import org.bertlab.knime.port.BertModelPortObject;
import org.bertlab.knime.port.BertModelPortObjectSpec;
import org.bertlab.knime.testing.Models;
import org.bertlab.knime.testing.NodeTesting;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

class TokenMapperNodeModelTest {

    static final List<String> DNA = List.of("ACGTACGTTT", "TTTACGACG", "GGGCCCAAA");

    @Test
    void mappedTextAndModelMappingAreTheEngines() throws Exception {
        final BertModelPortObject port = Models.defaultModel();
        final TokenMapperNodeFactory factory = new TokenMapperNodeFactory();
        final ExecutionContext exec = NodeTesting.exec(factory);
        final BufferedDataTable in = NodeTesting.strings(exec, new String[]{"dna"}, new String[]{DNA.get(0)},
            new String[]{null}, new String[]{DNA.get(1)}, new String[]{DNA.get(2)});
        final TokenMapperNodeModel model = factory.createNodeModel();
        model.settings().m_column.setStringValue("dna");
        model.settings().m_k.setIntValue(3);
        model.settings().m_stride.setIntValue(3);
        NodeTesting.throughDialog(model, new TokenMapperNodeDialog(), port.getSpec(), in.getDataTableSpec());
        final PortObjectSpec[] configured =
            model.configure(new PortObjectSpec[]{port.getSpec(), in.getDataTableSpec()});
        final PortObject[] out = model.execute(new PortObject[]{port, in}, exec);
        // configure knew both outputs: the input model's spec with a mapping, and the table's columns
        final BertModelPortObjectSpec modelSpec = (BertModelPortObjectSpec)configured[0];
        assertEquals(port.getSpec().getLayers(), modelSpec.getLayers());
        assertEquals(port.getSpec().getArchitecture(), modelSpec.getArchitecture());
        assertEquals(TokenMapperNodeModel.MAPPING_AT_CONFIGURE, modelSpec.getTokenMapping());
        assertTrue(((BufferedDataTable)out[1]).getDataTableSpec().equalStructure((DataTableSpec)configured[1]));

        final TokenMapping expected = TokenMapping.byFrequency(SymbolTokenizer.kmers(3, 3), DNA,
            VocabularyCandidates.wordLike(Models.model(port).tokenizer().vocabulary()));
        final List<DataRow> rows = NodeTesting.rows((BufferedDataTable)out[1]);
        assertEquals(4, rows.size(), "rows are kept; the missing one stays missing");
        assertTrue(rows.get(1).getCell(1).isMissing());
        assertEquals(expected.apply(DNA.get(0)), ((StringValue)rows.get(0).getCell(1)).getStringValue());
        assertEquals(expected.apply(DNA.get(2)), ((StringValue)rows.get(3).getCell(1)).getStringValue());
        assertTrue(model.warning().contains("1 row"), model.warning());

        final BertModelPortObject mapped = (BertModelPortObject)out[0];
        assertTrue(Models.model(mapped).attachments().containsKey("token_mapping.tsv"));
        assertFalse(mapped.getSpec().getTokenMapping().isEmpty());
        assertFalse(Models.model(port).attachments().containsKey("token_mapping.tsv"), "the input model is untouched");
        // the mapping travels with the saved port
        final BertModelPortObject reloaded = (BertModelPortObject)NodeTesting.roundTrip(mapped);
        assertTrue(Models.model(reloaded).attachments().containsKey("token_mapping.tsv"));
    }

    @Test
    void settingsRoundTrip() throws Exception {
        final TokenMapperNodeModel model = new TokenMapperNodeModel();
        model.settings().m_column.setStringValue("dna");
        model.settings().m_strategy.setStringValue(TokenMapperSettings.STRATEGY_RANDOM);
        model.settings().m_unknown.setStringValue("skip");
        NodeTesting.assertSettingsRoundTrip(model, new TokenMapperNodeModel());
    }
}
