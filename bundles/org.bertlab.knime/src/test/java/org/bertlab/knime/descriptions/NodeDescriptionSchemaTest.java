package org.bertlab.knime.descriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.Test;
import org.knime.core.node.Node;
import org.knime.core.node.NodeDescription;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
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

    @Test
    @SuppressWarnings("unchecked")
    void optionalPortsAreMarkedAndEveryNodeHasKeywords() throws Exception {
        for (final String factory : factories()) {
            final NodeFactory<NodeModel> instance =
                (NodeFactory<NodeModel>)Class.forName(factory).getDeclaredConstructor().newInstance();
            final Node node = new Node(instance);
            // KNIME's port 0 is the flow variable port; the description counts data ports from 0
            for (int port = 1; port < node.getNrInPorts(); port++) {
                final String name = instance.getInportName(port - 1);
                assertEquals(node.getInputType(port).isOptional(), name.endsWith("(optional)"),
                    factory + ": in-port " + (port - 1) + " \"" + name + "\"");
            }
            assertTrue(instance.getKeywords().length >= 3, factory + ": keywords " + List.of(instance.getKeywords()));
        }
    }

    @Test
    void iconsHaveTransparentBackgrounds() throws Exception {
        final File[] icons = new File(System.getProperty("bertlab.knime.bundle"), "icons").listFiles();
        assertNotNull(icons);
        assertTrue(icons.length >= factories().size(), "an icon per node and the category's");
        for (final File icon : icons) {
            final BufferedImage image = ImageIO.read(icon);
            assertNotNull(image, icon + " is an image");
            assertTrue(image.getColorModel().hasAlpha(), icon + " has an alpha channel");
            int transparent = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    transparent += (image.getRGB(x, y) >>> 24) == 0 ? 1 : 0;
                }
            }
            final int last = image.getWidth() - 1;
            for (final int[] corner : new int[][]{{0, 0}, {last, 0}, {0, last}, {last, last}}) {
                assertEquals(0, image.getRGB(corner[0], corner[1]) >>> 24, icon + ": a transparent corner");
            }
            assertTrue(transparent >= image.getWidth() * image.getHeight() / 2,
                icon + ": the background is transparent (" + transparent + " transparent pixels)");
            assertTrue(transparent < image.getWidth() * image.getHeight(), icon + ": the glyph is visible");
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
