package org.nmt4j.translate;

import java.util.List;

/**
 * The cross-attention of one translated sentence (or one part of a split line), ready to draw.
 *
 * <p>Shapes: T target pieces (rows), S source pieces (columns).
 *
 * @param sourcePieces the source pieces, ending with {@code </s>}
 * @param targetPieces the output pieces, ending with {@code </s>} when the output finished
 * @param weights (T,S): for each output piece, the last decoder layer's attention over the source
 *     pieces, averaged over heads; each row sums to 1
 */
public record AttentionMap(
        List<String> sourcePieces, List<String> targetPieces, float[][] weights) {

    /** Checks that the weights have one row per target piece and one column per source piece. */
    public AttentionMap {
        sourcePieces = List.copyOf(sourcePieces);
        targetPieces = List.copyOf(targetPieces);
        if (weights.length != targetPieces.size()) {
            throw new IllegalArgumentException(
                    weights.length
                            + " attention rows for "
                            + targetPieces.size()
                            + " target pieces");
        }
        for (float[] row : weights) {
            if (row.length != sourcePieces.size()) {
                throw new IllegalArgumentException(
                        row.length
                                + " attention columns for "
                                + sourcePieces.size()
                                + " source pieces");
            }
        }
    }
}
