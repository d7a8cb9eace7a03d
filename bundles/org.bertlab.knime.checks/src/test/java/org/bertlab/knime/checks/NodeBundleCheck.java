package org.bertlab.knime.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What the KNIME node bundle promises, checked without KNIME: every node registered in plugin.xml has its factory
 * source, a well-formed description (knimeNode v5.3) documenting every dialog option and every port, a 16x16 PNG
 * icon and an existing category; the port type classes exist.
 * <p>
 * Rule for "every dialog option": a node's settings class ({@code *Settings.java} in the factory's package) declares
 * one {@code LABEL_X} per {@code KEY_X}; the dialog builds each DialogComponent with a {@code LABEL_} constant (never
 * a literal); each label is an {@code <option name="...">} of the description.
 */
class NodeBundleCheck {

    static final String NS = "http://knime.org/node/v5.3";

    static final Path BUNDLE = Path.of(System.getProperty("bertlab.bundles", "..")).resolve("org.bertlab.knime");

    static final Path SOURCES = BUNDLE.resolve("src/main/java");

    /** Categories KNIME itself provides. */
    static final Set<String> KNIME_CATEGORIES = Set.of("/community", "/io", "/manipulation", "/analytics");

    static Document parse(final Path file) throws Exception {
        final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    static List<Element> elements(final Document doc, final String name) {
        final NodeList list = doc.getElementsByTagName(name);
        final List<Element> result = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            result.add((Element)list.item(i));
        }
        return result;
    }

    static Path source(final String className) {
        final String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        return SOURCES.resolve(outer.replace('.', '/') + ".java");
    }

    @Test
    void pluginXmlDeclaresNodesAndPort() throws Exception {
        final Document plugin = parse(BUNDLE.resolve("plugin.xml"));
        assertFalse(elements(plugin, "node").isEmpty(), "plugin.xml registers no node");
        final List<Element> ports = elements(plugin, "portType");
        assertEquals(1, ports.size(), "one BERT Model port type");
        for (final Element port : ports) {
            for (final String attr : List.of("objectClass", "objectSerializer", "specClass", "specSerializer")) {
                final String cls = port.getAttribute(attr);
                final Path file = source(cls);
                assertTrue(Files.isRegularFile(file), attr + " " + cls + ": no source " + file);
                if (cls.contains("$")) {
                    final String nested = cls.substring(cls.indexOf('$') + 1);
                    assertTrue(Files.readString(file).contains("class " + nested + " "),
                        cls + ": no nested class " + nested + " in " + file);
                }
            }
        }
        for (final Element page : elements(plugin, "page")) {
            assertTrue(Files.isRegularFile(source(page.getAttribute("class"))), page.getAttribute("class"));
        }
        for (final Element init : elements(plugin, "initializer")) {
            assertTrue(Files.isRegularFile(source(init.getAttribute("class"))), init.getAttribute("class"));
        }
        for (final Element category : elements(plugin, "category")) {
            final BufferedImage icon = ImageIO.read(BUNDLE.resolve(category.getAttribute("icon")).toFile());
            assertIcon(icon, "category " + category.getAttribute("name"));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyNode() throws Exception {
        final Document plugin = parse(BUNDLE.resolve("plugin.xml"));
        final Set<String> categories = new LinkedHashSet<>(KNIME_CATEGORIES);
        for (final Element c : elements(plugin, "category")) {
            categories.add(c.getAttribute("path").replaceAll("/$", "") + "/" + c.getAttribute("level-id"));
        }
        return elements(plugin, "node").stream().map(node -> DynamicTest.dynamicTest(
            node.getAttribute("factory-class"), () -> checkNode(node, categories)));
    }

    static void checkNode(final Element node, final Set<String> categories) throws Exception {
        final String factory = node.getAttribute("factory-class");
        final String where = factory + ": ";
        assertTrue(categories.contains(node.getAttribute("category-path")),
            where + "category " + node.getAttribute("category-path") + " is not declared; known: " + categories);
        final Path factorySource = source(factory);
        assertTrue(Files.isRegularFile(factorySource), where + "no source " + factorySource);
        final Path folder = factorySource.getParent();
        final String simple = factory.substring(factory.lastIndexOf('.') + 1);
        final String stem = simple.replace("NodeFactory", "");

        // description: well formed, right schema namespace and root
        final Path descriptionFile = folder.resolve(simple + ".xml");
        assertTrue(Files.isRegularFile(descriptionFile), where + "no description " + descriptionFile);
        final Document description = parse(descriptionFile);
        final Element root = description.getDocumentElement();
        assertEquals("knimeNode", root.getLocalName(), where + "root element");
        assertEquals(NS, root.getNamespaceURI(), where + "description namespace");
        assertFalse(elements(description, "intro").isEmpty(), where + "no intro");

        // icon
        final String icon = root.getAttribute("icon");
        assertFalse(icon.isEmpty(), where + "description names no icon");
        // as KNIME's NodeFactory resolves it: relative to the factory's package, as a class loader resource, so
        // it lies beside the factory (src/main/java) or in the bundle root (icons/)
        final String packagePath = factory.substring(0, factory.lastIndexOf('.')).replace('.', '/');
        assertFalse(icon.startsWith("/"), where + "icon path must be relative (KNIME asks the class loader)");
        final String resource = Path.of(packagePath).resolve(icon).normalize().toString().replace('\\', '/');
        assertFalse(resource.startsWith(".."), where + "icon " + icon + " leaves the bundle");
        final Path iconFile = Files.isRegularFile(SOURCES.resolve(resource)) ? SOURCES.resolve(resource)
            : BUNDLE.resolve(resource);
        assertTrue(Files.isRegularFile(iconFile), where + "no icon " + resource + " in " + SOURCES + " or " + BUNDLE);
        assertIcon(ImageIO.read(iconFile.toFile()), where + iconFile);

        // options: settings labels = documented options, dialog uses only labels
        final String settings = Files.readString(folder.resolve(stem + "Settings.java"));
        final List<String> keys = constants(settings, "KEY_");
        final List<String> labels = constants(settings, "LABEL_");
        assertEquals(keys.size(), labels.size(), where + "every KEY_ needs its LABEL_ (dialog label)");
        final Set<String> options = new LinkedHashSet<>();
        elements(description, "option").forEach(o -> options.add(o.getAttribute("name")));
        for (final String label : labels) {
            assertTrue(options.contains(label), where + "dialog option \"" + label + "\" is not documented; documented: "
                + options);
        }
        final String dialog = Files.readString(folder.resolve(stem + "NodeDialog.java"));
        // components made directly or through the FileChoosers helper: each is titled with a LABEL_ constant
        final Matcher components =
            Pattern.compile("(?:new DialogComponent\\w+|FileChoosers\\.\\w+)\\(([^;]*);", Pattern.DOTALL).matcher(dialog);
        int count = 0;
        while (components.find()) {
            count++;
            assertTrue(components.group(1).contains("LABEL_"),
                where + "a dialog component without a LABEL_ constant: " + components.group());
        }
        assertTrue(count > 0, where + "dialog has no components");

        // ports: description matches the model's constructor
        final String model = Files.readString(folder.resolve(stem + "NodeModel.java"));
        final Matcher ports = Pattern.compile(
            "super\\(\\s*new PortType\\[(?:0\\]|\\]\\{([^}]*)\\})\\s*,\\s*new PortType\\[(?:0\\]|\\]\\{([^}]*)\\})")
            .matcher(model);
        assertTrue(ports.find(), where + "model constructor with PortType arrays not found");
        assertEquals(countPorts(ports.group(1)), elements(description, "inPort").size(), where + "input ports");
        assertEquals(countPorts(ports.group(2)), elements(description, "outPort").size(), where + "output ports");
    }

    static int countPorts(final String list) {
        return list == null || list.isBlank() ? 0 : list.split(",").length;
    }

    static List<String> constants(final String source, final String prefix) {
        final Matcher m = Pattern.compile("static final String " + prefix + "\\w+\\s*=\\s*\"([^\"]*)\"").matcher(source);
        final List<String> result = new ArrayList<>();
        while (m.find()) {
            result.add(m.group(1));
        }
        return result;
    }

    static void assertIcon(final BufferedImage icon, final String what) {
        assertNotNull(icon, what + ": not a readable PNG");
        assertEquals(16, icon.getWidth(), what + " width");
        assertEquals(16, icon.getHeight(), what + " height");
    }

    static Path bundleFile(final String name) throws IOException {
        return BUNDLE.resolve(name);
    }
}
