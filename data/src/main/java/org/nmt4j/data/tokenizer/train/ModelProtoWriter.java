package org.nmt4j.data.tokenizer.train;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nmt4j.data.tokenizer.TokenizerConfig;

/**
 * Writes a trained vocabulary as SentencePiece's files: the {@code .model} (a serialised {@code
 * ModelProto} of {@code sentencepiece_model.proto}: the pieces, the trainer spec and the identity
 * normaliser nmt4j uses) and the {@code .vocab} (one {@code piece<TAB>score} line per id). The
 * special pieces get nmt4j's ids: pad 0, unk 1, bos 2, eos 3, then the 256 byte pieces with byte
 * fallback. The trainer spec leaves out {@code num_threads}, so that the file, like the model, does
 * not depend on how many threads trained it.
 */
final class ModelProtoWriter {
    /** Piece types of sentencepiece_model.proto. */
    private static final int UNKNOWN = 2;

    private static final int CONTROL = 3;
    private static final int BYTE = 6;

    private ModelProtoWriter() {}

    /**
     * A piece as written: text, score and type.
     *
     * @param text the piece
     * @param score its score
     * @param type its proto type (1 normal)
     */
    record Entry(String text, float score, int type) {}

    /**
     * Lists every piece of the model in id order: the special pieces, then the trained ones.
     *
     * @param trained the trained pieces in their final order
     * @param byteFallback whether the byte pieces come after the special ones
     * @return the pieces
     */
    static List<Entry> entries(List<ScoredPiece> trained, boolean byteFallback) {
        List<Entry> all = new ArrayList<>();
        all.add(new Entry("<pad>", 0f, CONTROL));
        all.add(new Entry("<unk>", 0f, UNKNOWN));
        all.add(new Entry("<s>", 0f, CONTROL));
        all.add(new Entry("</s>", 0f, CONTROL));
        if (byteFallback) {
            for (int b = 0; b < 256; b++) {
                all.add(new Entry(String.format(Locale.ROOT, "<0x%02X>", b), 0f, BYTE));
            }
        }
        for (ScoredPiece p : trained) {
            all.add(new Entry(p.text(), (float) p.score(), 1));
        }
        return all;
    }

    /**
     * Serialises the model.
     *
     * @param entries every piece in id order
     * @param settings the training settings, recorded in the trainer spec
     * @return the {@code .model} file's bytes
     */
    static byte[] model(List<Entry> entries, TrainerSettings settings) {
        Proto model = new Proto();
        for (Entry e : entries) {
            Proto piece = new Proto();
            piece.string(1, e.text());
            piece.fixed32(2, Float.floatToIntBits(e.score()));
            if (e.type() != 1) {
                piece.varint(3, e.type());
            }
            model.message(1, piece);
        }
        model.message(2, trainerSpec(entries.size(), settings));
        model.message(3, normalizerSpec());
        return model.bytes();
    }

    private static Proto trainerSpec(int size, TrainerSettings s) {
        Proto t = new Proto();
        t.varint(3, s.type() == TokenizerConfig.Type.BPE ? 2 : 1); // model_type
        t.varint(4, size); // vocab_size
        t.fixed32(10, Float.floatToIntBits((float) s.characterCoverage()));
        t.varint(11, s.inputSentenceSize());
        t.varint(14, TrainerSettings.SEED_PIECES);
        t.fixed32(15, Float.floatToIntBits(TrainerSettings.SHRINKING_FACTOR));
        t.varint(17, TrainerSettings.EM_SUB_ITERATIONS);
        t.varint(18, TrainerSettings.MAX_SENTENCE_BYTES);
        t.varint(19, 1); // shuffle_input_sentence
        t.varint(20, PieceRules.MAX_PIECE_LENGTH);
        t.varint(21, 1); // split_by_unicode_script
        t.varint(22, 1); // split_by_whitespace
        t.varint(23, 1); // split_by_number
        t.varint(24, 0); // treat_whitespace_as_suffix
        t.varint(25, 0); // split_digits
        t.varint(26, 0); // allow_whitespace_only_pieces
        t.varint(32, 1); // vocabulary_output_piece_score
        t.varint(33, 1); // hard_vocab_limit
        t.varint(34, 0); // use_all_vocab
        t.varint(35, s.byteFallback() ? 1 : 0);
        t.varint(40, 1); // unk_id
        t.varint(41, 2); // bos_id
        t.varint(42, 3); // eos_id
        t.varint(43, 0); // pad_id
        t.string(44, " \u2047 "); // unk_surface
        t.string(45, "<unk>");
        t.string(46, "<s>");
        t.string(47, "</s>");
        t.string(48, "<pad>");
        return t;
    }

    private static Proto normalizerSpec() {
        Proto n = new Proto();
        n.string(1, "identity");
        n.bytes(2, new byte[0]); // precompiled_charsmap: none
        n.varint(3, 1); // add_dummy_prefix
        n.varint(4, 1); // remove_extra_whitespaces
        n.varint(5, 1); // escape_whitespaces
        return n;
    }

    /**
     * Writes the {@code .vocab} text: {@code piece<TAB>score} per line, scores as C++ streams print
     * floats (six significant digits).
     *
     * @param entries every piece in id order
     * @return the file's text
     */
    static String vocab(List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        for (Entry e : entries) {
            out.append(e.text()).append('\t').append(score(e.score())).append('\n');
        }
        return out.toString();
    }

    /**
     * Formats a score as {@code std::ostream << float} does by default.
     *
     * @param f the score
     * @return the text, e.g. {@code -3.69027}, {@code 0} or {@code -0}
     */
    static String score(float f) {
        if (f == 0f) {
            return Float.floatToIntBits(f) == 0 ? "0" : "-0";
        }
        BigDecimal d = new BigDecimal(f).round(new MathContext(6)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String mantissa = d.movePointLeft(exponent).toPlainString();
            return String.format(
                    Locale.ROOT,
                    "%se%s%02d",
                    mantissa,
                    exponent < 0 ? "-" : "+",
                    Math.abs(exponent));
        }
        return d.toPlainString();
    }

    /** A protocol buffer message being written. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(int field, long value) {
            tag(field, 0);
            raw(value);
        }

        void fixed32(int field, int bits) {
            tag(field, 5);
            for (int i = 0; i < 4; i++) {
                out.write((bits >>> (8 * i)) & 0xff);
            }
        }

        void string(int field, String s) {
            bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(int field, byte[] b) {
            tag(field, 2);
            raw(b.length);
            out.writeBytes(b);
        }

        void message(int field, Proto m) {
            bytes(field, m.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void tag(int field, int wire) {
            raw(((long) field << 3) | wire);
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
