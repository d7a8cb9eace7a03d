package org.bertlab.core.encoder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Exposes every layer's hidden state of a Hugging Face BERT export as extra outputs of the ONNX graph, so that ONNX
 * Runtime returns all layers from one run. A layer's output is the output of the last node of its final LayerNorm
 * ({@code /embeddings/LayerNorm/...} for layer 0, {@code /encoder/layer.N/output/LayerNorm/...} for layer N + 1),
 * whether the exporter wrote LayerNorm as one node or as its decomposition.
 *
 * <p>
 * The graph is not rewritten: protobuf merges a repeated embedded message field that occurs twice, so appending a
 * second {@code ModelProto.graph} (field 7) that holds only {@code GraphProto.output} (field 12) entries adds those
 * outputs to the graph. Each output is typed as a float tensor (elem_type 1) without a shape.
 */
final class OnnxLayerOutputs {

    private static final int LEN = 2;

    private OnnxLayerOutputs() {
    }

    /**
     * The tensor names holding layers 0..numLayers, or empty when some layer's LayerNorm cannot be found (an export
     * not from transformers' BERT).
     */
    static Optional<String[]> find(final byte[] model, final int numLayers) {
        final List<String[]> nodes = new ArrayList<>();
        final Reader top = new Reader(model, 0, model.length);
        while (top.next()) {
            if (top.field == 7 && top.wire == LEN) {
                final Reader graph = top.message();
                while (graph.next()) {
                    if (graph.field == 1 && graph.wire == LEN) {
                        nodes.add(node(graph.message()));
                    } else {
                        graph.skip();
                    }
                }
            } else {
                top.skip();
            }
        }
        final String[] names = new String[numLayers + 1];
        for (int layer = 0; layer <= numLayers; layer++) {
            final String prefix = layer == 0 ? "/embeddings/LayerNorm/"
                : "/encoder/layer." + (layer - 1) + "/output/LayerNorm/";
            for (final String[] node : nodes) {
                if (node[0].startsWith(prefix) && node[1] != null) {
                    names[layer] = node[1];
                }
            }
            if (names[layer] == null) {
                return Optional.empty();
            }
        }
        return Optional.of(names);
    }

    /** The model bytes with the given tensors added as graph outputs (names already outputs are left alone). */
    static byte[] withOutputs(final byte[] model, final String[] names) {
        final Set<String> existing = outputs(model);
        final ByteArrayOutputStream graph = new ByteArrayOutputStream();
        final Set<String> added = new HashSet<>();
        for (final String name : names) {
            if (existing.contains(name) || !added.add(name)) {
                continue;
            }
            final byte[] tensorType = {0x08, 0x01}; // TypeProto.Tensor.elem_type = FLOAT
            final byte[] type = lengthDelimited(1, tensorType); // TypeProto.tensor_type
            final ByteArrayOutputStream info = new ByteArrayOutputStream();
            info.writeBytes(lengthDelimited(1, name.getBytes(StandardCharsets.UTF_8))); // ValueInfoProto.name
            info.writeBytes(lengthDelimited(2, type)); // ValueInfoProto.type
            graph.writeBytes(lengthDelimited(12, info.toByteArray())); // GraphProto.output
        }
        final byte[] extra = lengthDelimited(7, graph.toByteArray()); // ModelProto.graph, merged into the first
        final byte[] result = new byte[model.length + extra.length];
        System.arraycopy(model, 0, result, 0, model.length);
        System.arraycopy(extra, 0, result, model.length, extra.length);
        return result;
    }

    private static Set<String> outputs(final byte[] model) {
        final Set<String> names = new HashSet<>();
        final Reader top = new Reader(model, 0, model.length);
        while (top.next()) {
            if (top.field == 7 && top.wire == LEN) {
                final Reader graph = top.message();
                while (graph.next()) {
                    if (graph.field == 12 && graph.wire == LEN) {
                        final Reader info = graph.message();
                        while (info.next()) {
                            if (info.field == 1 && info.wire == LEN) {
                                names.add(info.string());
                            } else {
                                info.skip();
                            }
                        }
                    } else {
                        graph.skip();
                    }
                }
            } else {
                top.skip();
            }
        }
        return names;
    }

    /** NodeProto: {name (3), first output (2)}. */
    private static String[] node(final Reader r) {
        final String[] node = {"", null};
        while (r.next()) {
            if (r.field == 3 && r.wire == LEN) {
                node[0] = r.string();
            } else if (r.field == 2 && r.wire == LEN && node[1] == null) {
                node[1] = r.string();
            } else {
                r.skip();
            }
        }
        return node;
    }

    private static byte[] lengthDelimited(final int field, final byte[] payload) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 8);
        varint(out, (long)field << 3 | LEN);
        varint(out, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static void varint(final ByteArrayOutputStream out, final long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int)(v & 0x7F | 0x80));
            v >>>= 7;
        }
        out.write((int)v);
    }

    /** A minimal protobuf field walker; malformed input ends the walk (the caller then finds no layers). */
    private static final class Reader {

        private final byte[] bytes;

        private int pos;

        private final int end;

        int field;

        int wire;

        Reader(final byte[] bytes, final int from, final int end) {
            this.bytes = bytes;
            this.pos = from;
            this.end = end;
        }

        boolean next() {
            if (pos >= end) {
                return false;
            }
            final long tag = varint();
            field = (int)(tag >>> 3);
            wire = (int)(tag & 7);
            return pos <= end;
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64 && pos < end; shift += 7) {
                final byte b = bytes[pos++];
                result |= (long)(b & 0x7F) << shift;
                if (b >= 0) {
                    return result;
                }
            }
            pos = end;
            return result;
        }

        Reader message() {
            final int length = (int)varint();
            final int from = pos;
            pos = Math.min(end, pos + Math.max(0, length));
            return new Reader(bytes, from, pos);
        }

        String string() {
            final Reader r = message();
            return new String(bytes, r.pos, r.end - r.pos, StandardCharsets.UTF_8);
        }

        void skip() {
            switch (wire) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case LEN -> message();
                case 5 -> pos += 4;
                default -> pos = end;
            }
        }
    }
}
