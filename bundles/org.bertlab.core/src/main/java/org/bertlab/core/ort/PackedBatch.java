package org.bertlab.core.ort;

import org.bertlab.core.encoder.TokenBatch;

/**
 * A padded batch with its padding taken out, as {@link FusedOnnxGraph} takes it: the real tokens of all texts one
 * after another (ids, token types, positions), plus the two index maps between that packed order and the padded
 * [batch, length] grid that only attention needs.
 *
 * @param inputIds per real token
 * @param typeIds per real token
 * @param positions per real token, its position in its text
 * @param packIndex per real token, its cell {@code b × length + t} in the padded grid
 * @param padIndex per padded cell, the packed row of its token; padding cells point at their text's first token
 *            (attention masks them as keys, and their outputs are never read)
 * @param mask per padded cell, 1 for a real token, 0 for padding
 * @param firstRows per text, the packed row of its first token
 */
record PackedBatch(long[] inputIds, long[] typeIds, long[] positions, long[] packIndex, long[] padIndex, int[] mask,
    int[] firstRows) {

    static PackedBatch of(final TokenBatch.Padded batch) {
        final int cells = batch.batch() * batch.length();
        int tokens = 0;
        for (final long m : batch.attentionMask()) {
            tokens += m != 0 ? 1 : 0;
        }
        final long[] ids = new long[tokens];
        final long[] types = new long[tokens];
        final long[] positions = new long[tokens];
        final long[] pack = new long[tokens];
        final long[] pad = new long[cells];
        final int[] mask = new int[cells];
        final int[] firstRows = new int[batch.batch()];
        int row = 0;
        for (int b = 0; b < batch.batch(); b++) {
            firstRows[b] = row;
            for (int t = 0; t < batch.length(); t++) {
                final int cell = b * batch.length() + t;
                if (batch.attentionMask()[cell] == 0) {
                    pad[cell] = firstRows[b];
                    continue;
                }
                ids[row] = batch.inputIds()[cell];
                types[row] = batch.typeIds()[cell];
                positions[row] = t;
                pack[row] = cell;
                pad[cell] = row;
                mask[cell] = 1;
                row++;
            }
        }
        return new PackedBatch(ids, types, positions, pack, pad, mask, firstRows);
    }
}
