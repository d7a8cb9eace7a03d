package org.bertlab.core.weights;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.bertlab.core.model.BertModel;
import org.bertlab.core.model.LoadOptions;
import org.bertlab.core.model.ModelLoadException;
import org.bertlab.core.model.ModelLoader;
import org.bertlab.core.testing.TestModels;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile and broken model files: mutations of a valid tiny model's safetensors, ONNX, config.json, tokenizer.json
 * and vocab.txt (truncation, bit flips, overwritten bytes, huge dimensions, values of the wrong type) must each end
 * in a loaded model or in the engine's typed load exception, within a time bound: never another exception, an
 * OutOfMemoryError or a native abort (which would end this JVM). The normal run tries each property
 * {@code jqwik.tries.default} times (src/test/resources/junit-platform.properties); {@code -Pfuzz} many more. A
 * failure prints the seed that reproduces it.
 */
class ModelFilesFuzzTest {

    /** One case may take this long; more means something scales with a number read from the file. */
    private static final long BOUND_NANOS = 10_000_000_000L;

    private static Path root;

    private static Path valid;

    private static Path onnxFile;

    private static Map<String, byte[]> files;

    private static int caseNumber;

    private static int loadedCount;

    private static int refusedCount;

    private static long startNanos;

    @BeforeContainer
    static void validModel() throws IOException {
        root = Files.createTempDirectory("bertlab-fuzz");
        valid = root.resolve("valid");
        try (BertModel model = TestModels.tinyRandom(root.resolve("vocab"), 11)) {
            model.save(valid);
        }
        // The same weights as a self-contained ONNX file of module-named initializers.
        final ProtoBytes graph = new ProtoBytes().string(2, "main_graph");
        for (final NamedTensor t : Safetensors.readFolder(valid).values()) {
            graph.message(5, ProtoBytes.floatTensor(t.name(), t.shape(), t.values()));
        }
        startNanos = System.nanoTime();
        onnxFile = root.resolve("model.onnx");
        Files.write(onnxFile, ProtoBytes.model(graph));
        files = Map.of("model.safetensors", Files.readAllBytes(valid.resolve("model.safetensors")),
            "config.json", Files.readAllBytes(valid.resolve("config.json")),
            "tokenizer.json", Files.readAllBytes(valid.resolve("tokenizer.json")),
            "vocab.txt", Files.readAllBytes(valid.resolve("vocab.txt")),
            "model.onnx", Files.readAllBytes(onnxFile));
    }

    @AfterContainer
    static void removeFiles() throws IOException {
        // The numbers the docs quote: how many cases ran and how they ended.
        System.out.printf("model file fuzz: %d cases (%d loaded, %d refused with a load exception) in %.1f s%n",
            caseNumber, loadedCount, refusedCount, (System.nanoTime() - startNanos) / 1e9);
        try (Stream<Path> walk = Files.walk(root)) {
            for (final Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A change to a file's bytes, described for the failure report. */
    record Mutation(String description, UnaryOperator<byte[]> apply) {
        @Override
        public String toString() {
            return description;
        }
    }

    // ---- properties ----

    @Property
    void mutatedSafetensors(@ForAll("binaryMutations") final Mutation m) throws IOException {
        loadWith(Map.of("model.safetensors", m.apply().apply(files.get("model.safetensors"))), List.of(), m);
    }

    @Property
    void safetensorsWithAMutatedHeader(@ForAll("jsonMutations") final Mutation m) throws IOException {
        loadWith(Map.of("model.safetensors", mutateHeader(files.get("model.safetensors"), m)), List.of(), m);
    }

    @Property
    void mutatedOnnx(@ForAll("binaryMutations") final Mutation m) throws IOException {
        loadWith(Map.of("model.onnx", m.apply().apply(files.get("model.onnx"))), List.of("model.safetensors"), m);
    }

    @Property
    void onnxTensorsWithAnyDimensions(@ForAll("dimensions") final long[] dims,
        @ForAll("payloadSizes") final int payloadFloats) throws IOException {
        final ProtoBytes graph = new ProtoBytes().string(2, "main_graph").message(5, new ProtoBytes()
            .packedVarints(1, dims).varint(2, 1).string(8, "embeddings.word_embeddings.weight")
            .bytes(9, new byte[payloadFloats * 4]));
        loadWith(Map.of("model.onnx", ProtoBytes.model(graph)), List.of("model.safetensors"),
            new Mutation("dims " + Arrays.toString(dims) + ", " + payloadFloats + " floats", b -> b));
    }

    @Property
    void mutatedConfig(@ForAll("jsonOrBinaryMutations") final Mutation m) throws IOException {
        loadWith(Map.of("config.json", m.apply().apply(files.get("config.json"))), List.of(), m);
    }

    @Property
    void mutatedTokenizerJson(@ForAll("jsonOrBinaryMutations") final Mutation m) throws IOException {
        loadWith(Map.of("tokenizer.json", m.apply().apply(files.get("tokenizer.json"))), List.of(), m);
    }

    @Property
    void mutatedVocabTxt(@ForAll("lineOrBinaryMutations") final Mutation m) throws IOException {
        loadWith(Map.of("vocab.txt", m.apply().apply(files.get("vocab.txt"))), List.of("tokenizer.json"), m);
    }

    // ---- the check every case makes ----

    /**
     * Writes the valid files with {@code replaced} ones swapped in and {@code removed} ones left out, loads the
     * folder, and checks the outcome.
     */
    private static void loadWith(final Map<String, byte[]> replaced, final List<String> removed, final Mutation m)
        throws IOException {
        final Path folder = root.resolve("case" + caseNumber++);
        Files.createDirectories(folder);
        for (final String name : List.of("config.json", "tokenizer.json", "vocab.txt", "model.safetensors")) {
            if (!removed.contains(name)) {
                Files.write(folder.resolve(name), replaced.getOrDefault(name, files.get(name)));
            }
        }
        if (replaced.containsKey("model.onnx")) {
            Files.write(folder.resolve("model.onnx"), replaced.get("model.onnx"));
        }
        final long start = System.nanoTime();
        try (BertModel loaded = ModelLoader.load(folder, LoadOptions.DEFAULT)) {
            // Loaded: the mutation left a valid model (e.g. a flipped bit in a weight). It must also run.
            loaded.tokenizer().encode("the cat sat on the mat");
            loadedCount++;
        } catch (ModelLoadException expected) {
            refusedCount++;
            // ModelLoader.load reports WeightFormatException and TokenizerLoadException as their cause.
            assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank(), "a message for " + m);
        } catch (Throwable t) {
            final StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            fail("mutation [" + m + "] ended in " + t + " instead of a typed load exception:\n" + trace);
        } finally {
            final long took = System.nanoTime() - start;
            try (Stream<Path> walk = Files.walk(folder)) {
                for (final Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            assertTrue(took < BOUND_NANOS, "mutation [" + m + "] took " + took / 1e9 + " s");
        }
    }

    // ---- generators ----

    /** Hostile values to put where a file has a value. */
    private static final List<JsonElement> HOSTILE = List.of(JsonNull.INSTANCE, new JsonObject(), new JsonArray(),
        new JsonPrimitive("x"), new JsonPrimitive(""), new JsonPrimitive(-5), new JsonPrimitive(8.5),
        new JsonPrimitive(0), new JsonPrimitive(Integer.MAX_VALUE), new JsonPrimitive(2_000_000_000L),
        new JsonPrimitive(Long.MAX_VALUE), new JsonPrimitive(1e300), new JsonPrimitive(true),
        new JsonPrimitive(-1), new JsonPrimitive(50_000), new JsonPrimitive("[UNK]"), new JsonPrimitive("12"));

    @Provide
    Arbitrary<Mutation> binaryMutations() {
        final Arbitrary<Double> where = Arbitraries.oneOf(Arbitraries.doubles().between(0, 0.02),
            Arbitraries.doubles().between(0, 1));
        final Arbitrary<Mutation> truncate = where.map(f -> new Mutation("truncate at " + f,
            b -> Arrays.copyOf(b, (int)(b.length * f))));
        final Arbitrary<Mutation> flips = Combinators.combine(where.list().ofMinSize(1).ofMaxSize(8),
            Arbitraries.integers().between(0, 7)).as((positions, bit) -> new Mutation("flip bit " + bit + " at "
                + positions, b -> {
                    final byte[] c = b.clone();
                    for (final double f : positions) {
                        final int i = Math.min(c.length - 1, (int)(c.length * f));
                        c[i] ^= (byte)(1 << bit);
                    }
                    return c;
                }));
        final Arbitrary<Mutation> overwrite = Combinators.combine(where, Arbitraries.of(new byte[]{(byte)0xFF,
            (byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF, 0x7F}, new byte[]{0, 0, 0, 0},
            new byte[]{(byte)0x80, (byte)0x80, (byte)0x80, (byte)0x80, (byte)0x80, (byte)0x80, (byte)0x80,
                (byte)0x80, (byte)0x80, 0x01}, new byte[]{(byte)0xC3, '(', (byte)0xFF}, "\"shape\":[99999999,".getBytes(
                    StandardCharsets.UTF_8)))
            .as((f, bytes) -> new Mutation("overwrite " + Arrays.toString(bytes) + " at " + f, b -> {
                final byte[] c = b.clone();
                final int at = Math.min(Math.max(0, c.length - bytes.length), (int)(c.length * f));
                System.arraycopy(bytes, 0, c, at, Math.min(bytes.length, c.length - at));
                return c;
            }));
        return Arbitraries.oneOf(truncate, flips, overwrite);
    }

    @Provide
    Arbitrary<Mutation> jsonMutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 10_000),
            Arbitraries.integers().between(0, HOSTILE.size()), Arbitraries.integers().between(1, 3))
            .as((node, value, count) -> new Mutation("json: node " + node + " value " + (value < HOSTILE.size()
                ? HOSTILE.get(value) : "deleted") + " x" + count, b -> mutateJson(b, node, value, count)));
    }

    @Provide
    Arbitrary<Mutation> jsonOrBinaryMutations() {
        return Arbitraries.oneOf(jsonMutations(), binaryMutations());
    }

    @Provide
    Arbitrary<Mutation> lineOrBinaryMutations() {
        final Arbitrary<Mutation> lines = Combinators.combine(Arbitraries.integers().between(0, 1000),
            Arbitraries.of("", "[UNK]", "x".repeat(100_000), "\u0000", "##", "a b", "[CLS]", "\uFEFF[PAD]"),
            Arbitraries.of(true, false))
            .as((line, text, delete) -> new Mutation((delete ? "delete" : "insert '" + shortText(text) + "' at")
                + " line " + line, b -> {
                    final List<String> all = new ArrayList<>(List.of(new String(b, StandardCharsets.UTF_8)
                        .split("\n", -1)));
                    final int i = line % all.size();
                    if (delete) {
                        all.remove(i);
                    } else {
                        all.add(i, text);
                    }
                    return String.join("\n", all).getBytes(StandardCharsets.UTF_8);
                }));
        return Arbitraries.oneOf(lines, binaryMutations());
    }

    private static String shortText(final String text) {
        return text.length() > 10 ? text.substring(0, 10) + "…(" + text.length() + ")" : text;
    }

    @Provide
    Arbitrary<long[]> dimensions() {
        final Arbitrary<Long> dim = Arbitraries.oneOf(Arbitraries.longs().between(0, 100),
            Arbitraries.of(0L, 1L, 50_000L, 40_000L, 1L << 31, 1L << 32, Long.MAX_VALUE, -1L),
            Arbitraries.longs());
        return dim.list().ofMinSize(0).ofMaxSize(4).map(l -> l.stream().mapToLong(Long::longValue).toArray());
    }

    @Provide
    Arbitrary<Integer> payloadSizes() {
        return Arbitraries.integers().between(0, 64);
    }

    // ---- JSON surgery ----

    private static byte[] mutateJson(final byte[] bytes, final int node, final int value, final int count) {
        final JsonElement root;
        try {
            root = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return bytes;
        }
        for (int k = 0; k < count; k++) {
            final List<Runnable> edits = new ArrayList<>();
            collect(root, edits, value);
            if (!edits.isEmpty()) {
                edits.get((node + k * 7919) % edits.size()).run();
            }
        }
        return new Gson().toJson(root).getBytes(StandardCharsets.UTF_8);
    }

    /** Every place in the tree that can be replaced (or, with value == HOSTILE.size(), deleted). */
    private static void collect(final JsonElement e, final List<Runnable> edits, final int value) {
        if (e.isJsonObject()) {
            final JsonObject o = e.getAsJsonObject();
            for (final String key : List.copyOf(o.keySet())) {
                edits.add(() -> {
                    if (value == HOSTILE.size()) {
                        o.remove(key);
                    } else {
                        o.add(key, HOSTILE.get(value).deepCopy());
                    }
                });
                collect(o.get(key), edits, value);
            }
        } else if (e.isJsonArray()) {
            final JsonArray a = e.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                final int index = i;
                edits.add(() -> {
                    if (value == HOSTILE.size()) {
                        a.remove(index);
                    } else {
                        a.set(index, HOSTILE.get(value).deepCopy());
                    }
                });
                collect(a.get(i), edits, value);
            }
        }
    }

    /** Applies a JSON mutation to a safetensors header and writes the file back with the new header length. */
    private static byte[] mutateHeader(final byte[] file, final Mutation m) {
        final ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        final int n = (int)b.getLong();
        final byte[] header = m.apply().apply(Arrays.copyOfRange(file, 8, 8 + n));
        final ByteBuffer out = ByteBuffer.allocate(8 + header.length + file.length - 8 - n)
            .order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(header.length).put(header).put(file, 8 + n, file.length - 8 - n);
        return out.array();
    }
}
