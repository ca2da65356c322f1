package org.nmt4j.data.batch;

import java.util.Arrays;

/**
 * Token ids of many sentence pairs in a compact form: all ids in one {@code int[]}, with offsets
 * and lengths per pair (about 4 bytes per token plus 12 per pair, instead of two objects per
 * sentence). Ids are SentencePiece pieces only, without BOS/EOS. Immutable once built.
 */
public final class TokenizedCorpus {
    private final int[] ids;
    private final int[] starts;
    private final int[] sourceLengths;
    private final int[] targetLengths;

    private TokenizedCorpus(Builder b) {
        ids = Arrays.copyOf(b.ids, b.idCount);
        starts = Arrays.copyOf(b.starts, b.size);
        sourceLengths = Arrays.copyOf(b.sourceLengths, b.size);
        targetLengths = Arrays.copyOf(b.targetLengths, b.size);
    }

    /**
     * Starts an empty builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of pairs.
     *
     * @return the size
     */
    public int size() {
        return starts.length;
    }

    /**
     * Returns a pair's source length in pieces.
     *
     * @param i the pair index
     * @return pieces (no EOS)
     */
    public int sourceLength(int i) {
        return sourceLengths[i];
    }

    /**
     * Returns a pair's target length in pieces.
     *
     * @param i the pair index
     * @return pieces (no BOS/EOS)
     */
    public int targetLength(int i) {
        return targetLengths[i];
    }

    /**
     * Returns a copy of a pair's source ids.
     *
     * @param i the pair index
     * @return the ids
     */
    public int[] source(int i) {
        return Arrays.copyOfRange(ids, starts[i], starts[i] + sourceLengths[i]);
    }

    /**
     * Returns a copy of a pair's target ids.
     *
     * @param i the pair index
     * @return the ids
     */
    public int[] target(int i) {
        int from = starts[i] + sourceLengths[i];
        return Arrays.copyOfRange(ids, from, from + targetLengths[i]);
    }

    /**
     * Copies a pair's source ids into an array.
     *
     * @param i the pair index
     * @param dest where to copy
     * @param at the first position written
     */
    void copySource(int i, long[] dest, int at) {
        for (int k = 0; k < sourceLengths[i]; k++) {
            dest[at + k] = ids[starts[i] + k];
        }
    }

    /**
     * Copies a pair's target ids into an array.
     *
     * @param i the pair index
     * @param dest where to copy
     * @param at the first position written
     */
    void copyTarget(int i, long[] dest, int at) {
        int from = starts[i] + sourceLengths[i];
        for (int k = 0; k < targetLengths[i]; k++) {
            dest[at + k] = ids[from + k];
        }
    }

    /**
     * Returns the total number of source pieces.
     *
     * @return the sum of source lengths
     */
    public long sourceTokens() {
        return Arrays.stream(sourceLengths).asLongStream().sum();
    }

    /**
     * Returns the total number of target pieces.
     *
     * @return the sum of target lengths
     */
    public long targetTokens() {
        return Arrays.stream(targetLengths).asLongStream().sum();
    }

    /**
     * Returns the pairs whose sides both have at most this many pieces (e.g. to keep dev pairs
     * within the model's maximum positions).
     *
     * @param maxPieces the most pieces per side
     * @return a new corpus (this one if nothing is dropped)
     */
    public TokenizedCorpus withMaxLength(int maxPieces) {
        Builder b = builder();
        for (int i = 0; i < size(); i++) {
            if (sourceLengths[i] <= maxPieces && targetLengths[i] <= maxPieces) {
                b.add(source(i), target(i));
            }
        }
        return b.size == size() ? this : b.build();
    }

    /** Collects pairs; not thread-safe. */
    public static final class Builder {
        private int[] ids = new int[1 << 12];
        private int idCount;
        private int[] starts = new int[1 << 8];
        private int[] sourceLengths = new int[1 << 8];
        private int[] targetLengths = new int[1 << 8];
        private int size;

        private Builder() {}

        /**
         * Adds a pair.
         *
         * @param source source piece ids
         * @param target target piece ids
         * @return this builder
         */
        public Builder add(int[] source, int[] target) {
            long need = (long) idCount + source.length + target.length;
            if (need > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("corpus over 2^31 tokens");
            }
            if (need > ids.length) {
                ids = Arrays.copyOf(ids, (int) Math.min(Integer.MAX_VALUE - 8, need * 3 / 2));
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                sourceLengths = Arrays.copyOf(sourceLengths, size * 2);
                targetLengths = Arrays.copyOf(targetLengths, size * 2);
            }
            starts[size] = idCount;
            sourceLengths[size] = source.length;
            targetLengths[size] = target.length;
            System.arraycopy(source, 0, ids, idCount, source.length);
            System.arraycopy(target, 0, ids, idCount + source.length, target.length);
            idCount += source.length + target.length;
            size++;
            return this;
        }

        /**
         * Builds the corpus.
         *
         * @return the corpus
         */
        public TokenizedCorpus build() {
            return new TokenizedCorpus(this);
        }
    }
}
