package org.nmt4j.data.tokenizer;

/**
 * Reads what SentencePiece-DJL does not expose from a serialised SentencePiece {@code
 * ModelProto}: the number of pieces (the vocabulary size). The model file is a protocol buffer
 * whose field 1 is the repeated list of pieces; this walks the top-level fields and counts them.
 */
final class SpmModelFile {
    private static final int PIECES_FIELD = 1;

    private SpmModelFile() {}

    /**
     * Counts the pieces of a model.
     *
     * @param bytes the {@code .model} file's bytes
     * @return the vocabulary size
     * @throws IllegalArgumentException if the bytes are not a SentencePiece model
     */
    static int pieceCount(byte[] bytes) {
        int[] pos = {0};
        int count = 0;
        while (pos[0] < bytes.length) {
            long key = varint(bytes, pos);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == PIECES_FIELD && wire == 2) {
                count++;
            }
            skip(bytes, pos, wire);
        }
        if (count == 0) {
            throw new IllegalArgumentException("no pieces: not a SentencePiece model");
        }
        return count;
    }

    private static void skip(byte[] bytes, int[] pos, int wire) {
        switch (wire) {
            case 0 -> varint(bytes, pos);
            case 1 -> pos[0] += 8;
            case 2 -> {
                long n = varint(bytes, pos);
                if (n < 0 || pos[0] + n > bytes.length) {
                    throw new IllegalArgumentException("truncated field: not a SentencePiece model");
                }
                pos[0] += (int) n;
            }
            case 5 -> pos[0] += 4;
            default -> throw new IllegalArgumentException(
                    "unknown wire type " + wire + ": not a SentencePiece model");
        }
        if (pos[0] > bytes.length) {
            throw new IllegalArgumentException("truncated model file");
        }
    }

    private static long varint(byte[] bytes, int[] pos) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= bytes.length) {
                throw new IllegalArgumentException("truncated varint: not a SentencePiece model");
            }
            byte b = bytes[pos[0]++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new IllegalArgumentException("malformed varint: not a SentencePiece model");
    }
}
