package org.bertlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.bertlab.core.model.BertModel;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages import each other in one direction only (no cycle), and the engine never refers to KNIME.
 * Read from the compiled classes: every class, field and method type named in a class file's constant pool
 * (string constants excluded), as {@code jdeps -verbose:package} reads them.
 */
class PackageDependenciesTest {

    private static final String ENGINE = "org/bertlab/core/";

    /** A class inside a descriptor or signature: {@code Lorg/bertlab/core/model/BertModel;} (or {@code <} after it). */
    private static final Pattern IN_DESCRIPTOR = Pattern.compile("L([\\w$/]+)[;<]");

    /** A class name in internal form, as a class constant holds it. */
    private static final Pattern CLASS_NAME = Pattern.compile("[\\w$]+(?:/[\\w$]+)+");

    @Test
    void engineHasNoPackageCycleAndNoKnimeReference() throws IOException, URISyntaxException {
        final Map<String, Set<String>> graph = dependencies();
        assertTrue(graph.size() >= 10, "the scan found the engine's packages: " + graph.keySet());
        assertTrue(graph.get("org.bertlab.core.model").contains("org.bertlab.core.encoder"),
            "the scan sees imports (model uses the encoder)");
        final Set<String> knime = new TreeSet<>();
        graph.forEach((from, to) -> to.stream().filter(p -> p.startsWith("org.knime")).forEach(p -> knime.add(
            from + " -> " + p)));
        assertEquals(Set.of(), knime, "the engine refers to KNIME");
        assertEquals(List.of(), cycles(graph), "package cycles (each list is one strongly connected group)");
    }

    @Test
    void descriptorsSignaturesAndClassNamesGiveTheirPackages() {
        assertEquals(Set.of("org.bertlab.core.model", "java.util"),
            packagesIn("(Ljava/util/List<Lorg/bertlab/core/model/BertModel;>;I)V"));
        assertEquals(Set.of("org.knime.core.node"), packagesIn("[Lorg/knime/core/node/NodeModel;"));
        assertEquals(Set.of("org.bertlab.core.encoder"), packagesIn("org/bertlab/core/encoder/BertConfig"));
        assertEquals(Set.of(), packagesIn("encode"));
    }

    @Test
    void theScanFindsACycleWhereThereIsOne() {
        final Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("a", Set.of("b"));
        graph.put("b", Set.of("c"));
        graph.put("c", Set.of("a", "d"));
        graph.put("d", Set.of());
        assertEquals(List.of(List.of("a", "b", "c")), cycles(graph));
    }

    /** Engine package to every package its classes refer to (engine, KNIME or anything else), itself excluded. */
    private static Map<String, Set<String>> dependencies() throws IOException, URISyntaxException {
        final Path classes = Path.of(BertModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        final Map<String, Set<String>> graph = new TreeMap<>();
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(classes.resolve(ENGINE))) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (final Path file : files) {
            final String from = classes.relativize(file.getParent()).toString().replace('\\', '/').replace('/', '.');
            final Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
            for (final String name : referencedNames(Files.readAllBytes(file))) {
                for (final String pkg : packagesIn(name)) {
                    if (!pkg.equals(from)) {
                        to.add(pkg);
                    }
                }
            }
        }
        return graph;
    }

    /** The packages of the classes a constant names: a descriptor or signature names any number, a class one. */
    static Set<String> packagesIn(final String constant) {
        final Set<String> packages = new TreeSet<>();
        if (constant.indexOf(';') >= 0) {
            final Matcher m = IN_DESCRIPTOR.matcher(constant);
            while (m.find()) {
                packages.add(packageOf(m.group(1)));
            }
        } else if (CLASS_NAME.matcher(constant).matches()) {
            packages.add(packageOf(constant));
        }
        return packages;
    }

    private static String packageOf(final String internalName) {
        return internalName.substring(0, internalName.lastIndexOf('/')).replace('/', '.');
    }

    /** The UTF-8 constants of a class file other than string literals: class names, descriptors, signatures. */
    static List<String> referencedNames(final byte[] classFile) throws IOException {
        final DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        final int count = in.readUnsignedShort();
        final Map<Integer, String> utf8 = new HashMap<>();
        final Set<Integer> literals = new HashSet<>();
        for (int i = 1; i < count; i++) {
            final int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8.put(i, in.readUTF());
                case 8 -> literals.add(in.readUnsignedShort());
                case 7, 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        final List<String> names = new ArrayList<>();
        utf8.forEach((index, text) -> {
            if (!literals.contains(index)) {
                names.add(text);
            }
        });
        return names;
    }

    /** The strongly connected groups of more than one package (Tarjan's algorithm), each sorted. */
    static List<List<String>> cycles(final Map<String, Set<String>> graph) {
        final Map<String, Integer> index = new HashMap<>();
        final Map<String, Integer> low = new HashMap<>();
        final Deque<String> stack = new ArrayDeque<>();
        final Set<String> onStack = new HashSet<>();
        final List<List<String>> groups = new ArrayList<>();
        for (final String start : graph.keySet()) {
            if (!index.containsKey(start)) {
                connect(start, graph, index, low, stack, onStack, groups);
            }
        }
        return groups;
    }

    private static void connect(final String v, final Map<String, Set<String>> graph,
        final Map<String, Integer> index, final Map<String, Integer> low, final Deque<String> stack,
        final Set<String> onStack, final List<List<String>> groups) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (final String w : graph.getOrDefault(v, Set.of())) {
            if (!graph.containsKey(w)) {
                continue;
            }
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, onStack, groups);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            final List<String> group = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                group.add(w);
            } while (!w.equals(v));
            if (group.size() > 1) {
                groups.add(group.stream().sorted().toList());
            }
        }
    }
}
