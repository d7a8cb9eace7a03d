package org.bertlab.core.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class ProtobufReaderTest {

    private static ProtobufReader reader(final byte[] b) {
        return new ProtobufReader(ByteBuffer.wrap(b), "test.bin");
    }

    @Test
    void readsEveryWireType() throws WeightFormatException {
        final byte[] b = new ProtoBytes().varint(1, 300).varint(2, -1L).string(3, "héllo").fixed32(4,
            Float.floatToIntBits(2.5f)).packedVarints(5, 1, 150, 1L << 40).varint(5, 7)
            .message(6, new ProtoBytes().varint(1, 1)).toByteArray();
        final ProtobufReader r = reader(b);
        assertTrue(r.next());
        assertEquals(1, r.fieldNumber());
        assertEquals(300, r.readVarint());
        assertTrue(r.next());
        assertEquals(-1L, r.readVarint());
        assertTrue(r.next());
        assertEquals("héllo", r.readString());
        assertTrue(r.next());
        assertEquals(ProtobufReader.FIXED32, r.wireType());
        assertEquals(2.5f, Float.intBitsToFloat(r.readFixed32()));
        final ProtobufReader.LongList list = new ProtobufReader.LongList();
        assertTrue(r.next());
        r.readRepeatedVarint(list);
        assertTrue(r.next());
        r.readRepeatedVarint(list);
        assertArrayEquals(new long[]{1, 150, 1L << 40, 7}, list.toArray());
        assertTrue(r.next());
        r.skip();
        assertFalse(r.next());
    }

    @Test
    void lengthBeyondMessageIsReportedWithOffset() {
        final byte[] b = {0x0A, 0x05, 'a', 'b'};
        final ProtobufReader r = reader(b);
        final WeightFormatException e = assertThrows(WeightFormatException.class, () -> {
            r.next();
            r.readBytes();
        });
        assertTrue(e.getMessage().startsWith("test.bin: length 5 of field 1 runs past the end") && e.getMessage()
            .contains("at byte 1"), e.getMessage());
    }

    @Test
    void truncatedVarintAndGroupsAreRefused() {
        assertThrows(WeightFormatException.class, () -> {
            final ProtobufReader r = reader(new byte[]{0x08, (byte)0x80});
            r.next();
            r.readVarint();
        });
        final WeightFormatException e =
            assertThrows(WeightFormatException.class, () -> reader(new byte[]{0x0B}).next());
        assertTrue(e.getMessage().contains("wire type 3"), e.getMessage());
    }
}
