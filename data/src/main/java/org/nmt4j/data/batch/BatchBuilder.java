package org.nmt4j.data.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import org.nmt4j.text.SpecialTokens;

/**
 * Turns pairs of piece ids into padded id matrices. This is the ONE place of the target shift and
 * of the sequence-end conventions:
 *
 * <pre>
 * source   = x + EOS            (the encoder sees where the sentence ends)
 * targetIn = BOS + y            (decoder input)
 * labels   = y + EOS            (what the decoder must predict at each position)
 *
 * y = [a b c], right padding to T = 5:   targetIn = [BOS a b c 0]
 *                                        labels   = [a b c EOS 0]
 * </pre>
 *
 * Rows are padded with the pad id at the end (right padding), or at the start when {@link
 * Padding#LEFT} is asked for. Translation builds its source rows with {@link #sources}, so training
 * and translation agree.
 */
public final class BatchBuilder {
    private final SpecialTokens special;
    private final Padding padding;

    /**
     * Creates a builder.
     *
     * @param special the special ids (pad, bos, eos)
     * @param padding where pads go
     */
    public BatchBuilder(SpecialTokens special, Padding padding) {
        this.special = special;
        this.padding = padding;
    }

    /**
     * A builder with the default ids and right padding.
     *
     * @return the builder
     */
    public static BatchBuilder standard() {
        return new BatchBuilder(SpecialTokens.DEFAULT, Padding.RIGHT);
    }

    /**
     * Returns the length of a source row for a sentence of this many pieces (EOS added).
     *
     * @param pieces the sentence's pieces
     * @return the row length
     */
    public static int sourceLength(int pieces) {
        return pieces + 1;
    }

    /**
     * Returns the length of a target row (targetIn and labels) for this many pieces.
     *
     * @param pieces the sentence's pieces
     * @return the row length
     */
    public static int targetLength(int pieces) {
        return pieces + 1;
    }

    /**
     * Builds the batch of some pairs of a corpus.
     *
     * @param corpus the corpus
     * @param indices the pairs, in row order
     * @return the batch (B = indices.length)
     */
    public TokenBatch build(TokenizedCorpus corpus, int[] indices) {
        int b = indices.length;
        int s = 0;
        int t = 0;
        for (int i : indices) {
            s = Math.max(s, sourceLength(corpus.sourceLength(i)));
            t = Math.max(t, targetLength(corpus.targetLength(i)));
        }
        long[] source = padded(b * s);
        long[] targetIn = padded(b * t);
        long[] labels = padded(b * t);
        long realSource = 0;
        long realTarget = 0;
        for (int r = 0; r < b; r++) {
            int i = indices[r];
            int sl = sourceLength(corpus.sourceLength(i));
            int tl = targetLength(corpus.targetLength(i));
            fillSource(source, r * s + offset(s, sl), corpus, i, sl);
            fillTarget(targetIn, labels, r * t + offset(t, tl), corpus, i, tl);
            realSource += sl;
            realTarget += tl;
        }
        return new TokenBatch(
                indices.clone(), s, t, source, targetIn, labels, realSource, realTarget);
    }

    /**
     * Builds source rows only (x + EOS, padded), for translation.
     *
     * @param sentences piece ids of each sentence, without EOS
     * @return a (B, S) matrix in row-major order, with {@code S} = longest row
     */
    public long[][] sources(List<int[]> sentences) {
        int s = 0;
        for (int[] x : sentences) {
            s = Math.max(s, sourceLength(x.length));
        }
        long[][] rows = new long[sentences.size()][s];
        for (int r = 0; r < rows.length; r++) {
            int[] x = sentences.get(r);
            Arrays.fill(rows[r], special.pad());
            int at = offset(s, sourceLength(x.length));
            for (int k = 0; k < x.length; k++) {
                rows[r][at + k] = x[k];
            }
            rows[r][at + x.length] = special.eos();
        }
        return rows;
    }

    /**
     * Builds the source tensor for translation: x + EOS per row, padded.
     *
     * @param manager the manager that owns the array
     * @param sentences piece ids of each sentence, without EOS
     * @return INT64 (B, S)
     */
    public NDArray sourceArray(NDManager manager, List<int[]> sentences) {
        return manager.create(sources(sentences));
    }

    private int offset(int width, int length) {
        return padding == Padding.LEFT ? width - length : 0;
    }

    private void fillSource(long[] dest, int at, TokenizedCorpus corpus, int i, int length) {
        corpus.copySource(i, dest, at);
        dest[at + length - 1] = special.eos();
    }

    private void fillTarget(
            long[] in, long[] labels, int at, TokenizedCorpus corpus, int i, int length) {
        in[at] = special.bos();
        corpus.copyTarget(i, in, at + 1);
        corpus.copyTarget(i, labels, at);
        labels[at + length - 1] = special.eos();
    }

    private long[] padded(int n) {
        long[] a = new long[n];
        Arrays.fill(a, special.pad());
        return a;
    }
}
