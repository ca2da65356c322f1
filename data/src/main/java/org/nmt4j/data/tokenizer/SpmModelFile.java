package org.nmt4j.data.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the piece table of a serialised SentencePiece {@code ModelProto} (a protocol buffer whose
 * field 1 is the repeated list of pieces, each with its text in field 1 and its type in field 3).
 * SentencePiece-DJL exposes neither the vocabulary size nor, for characters outside the Basic
 * Multilingual Plane, correct piece texts, so the codec reads them from the file itself.
 */
final class SpmModelFile {
    /** Piece types, as numbered in sentencepiece_model.proto. */
    static final byte NORMAL = 1;

    static final byte UNKNOWN = 2;
    static final byte CONTROL = 3;
    static final byte USER_DEFINED = 4;
    static final byte UNUSED = 5;
    static final byte BYTE = 6;

    private static final int PIECES_FIELD = 1;
    private static final int PIECE_TEXT_FIELD = 1;
    private static final int PIECE_TYPE_FIELD = 3;

    /**
     * The pieces of a model, by id.
     *
     * @param pieces each id's piece text
     * @param types each id's piece type
     */
    record Vocabulary(List<String> pieces, byte[] types) {
        int size() {
            return pieces.size();
        }
    }

    private SpmModelFile() {}

    /**
     * Reads the piece table.
     *
     * @param bytes the {@code .model} file's bytes
     * @return the pieces and their types, in id order
     * @throws IllegalArgumentException if the bytes are not a SentencePiece model
     */
    static Vocabulary read(byte[] bytes) {
        List<String> pieces = new ArrayList<>();
        List<Byte> types = new ArrayList<>();
        Cursor c = new Cursor(bytes, 0, bytes.length);
        while (c.more()) {
            long key = c.varint();
            if ((key >>> 3) == PIECES_FIELD && (key & 7) == 2) {
                int length = c.length();
                readPiece(new Cursor(bytes, c.pos, c.pos + length), pieces, types);
                c.pos += length;
            } else {
                c.skip((int) (key & 7));
            }
        }
        if (pieces.isEmpty()) {
            throw new IllegalArgumentException("no pieces: not a SentencePiece model");
        }
        byte[] t = new byte[types.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = types.get(i);
        }
        return new Vocabulary(List.copyOf(pieces), t);
    }

    private static void readPiece(Cursor c, List<String> pieces, List<Byte> types) {
        String text = null;
        byte type = NORMAL;
        while (c.more()) {
            long key = c.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == PIECE_TEXT_FIELD && wire == 2) {
                int length = c.length();
                text = new String(c.bytes, c.pos, length, StandardCharsets.UTF_8);
                c.pos += length;
            } else if (field == PIECE_TYPE_FIELD && wire == 0) {
                type = (byte) c.varint();
            } else {
                c.skip(wire);
            }
        }
        if (text == null) {
            throw new IllegalArgumentException("a piece without text: not a SentencePiece model");
        }
        pieces.add(text);
        types.add(type);
    }

    /** A read position in a protocol buffer. */
    private static final class Cursor {
        final byte[] bytes;
        final int end;
        int pos;

        Cursor(byte[] bytes, int pos, int end) {
            this.bytes = bytes;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IllegalArgumentException(
                            "truncated varint: not a SentencePiece model");
                }
                byte b = bytes[pos++];
                result |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return result;
                }
            }
            throw new IllegalArgumentException("malformed varint: not a SentencePiece model");
        }

        int length() {
            long n = varint();
            if (n < 0 || pos + n > end) {
                throw new IllegalArgumentException("truncated field: not a SentencePiece model");
            }
            return (int) n;
        }

        void skip(int wire) {
            switch (wire) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> {
                    int n = length(); // read before adding: pos moves past the length
                    pos += n;
                }
                case 5 -> pos += 4;
                default ->
                        throw new IllegalArgumentException(
                                "unknown wire type " + wire + ": not a SentencePiece model");
            }
            if (pos > end) {
                throw new IllegalArgumentException("truncated model file");
            }
        }
    }
}
