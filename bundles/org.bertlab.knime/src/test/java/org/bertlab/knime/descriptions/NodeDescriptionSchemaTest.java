package org.bertlab.knime.descriptions;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeDescription;
import org.knime.core.node.NodeFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every node description validates against the knimeNode v5.3 schema shipped inside the KNIME core jar, and KNIME
 * itself parses it (name, ports) when it instantiates the factory.
 */
class NodeDescriptionSchemaTest {

    @Test
    void descriptionsValidateAgainstKnimeSchema() throws Exception {
        final URL xsd = NodeDescription.class.getResource("Node_v5.3.xsd");
        assertNotNull(xsd, "Node_v5.3.xsd beside NodeDescription in the KNIME core jar");
        final Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
        for (final String factory : factories()) {
            final URL description = Class.forName(factory).getResource(factory.substring(factory.lastIndexOf('.') + 1)
                + ".xml");
            assertNotNull(description, factory + ": description on the class path");
            schema.newValidator().validate(new StreamSource(description.openStream(), description.toString()));

            final NodeFactory<?> instance = (NodeFactory<?>)Class.forName(factory).getDeclaredConstructor().newInstance();
            assertTrue(instance.getNodeName() != null && !instance.getNodeName().isBlank(), factory + ": name");
            assertNotNull(instance.getIcon(), factory + ": KNIME finds the icon");
        }
    }

    static List<String> factories() throws Exception {
        final File pluginXml = new File(System.getProperty("bertlab.knime.bundle"), "plugin.xml");
        final NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pluginXml)
            .getElementsByTagName("node");
        final List<String> result = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add(((Element)nodes.item(i)).getAttribute("factory-class"));
        }
        return result;
    }
}
