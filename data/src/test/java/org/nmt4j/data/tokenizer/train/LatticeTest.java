package org.nmt4j.data.tokenizer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A three-piece model, a, b and ab, with probabilities 1/2, 1/4 and 1/4. */
class LatticeTest {
    private static final List<int[]> PIECES =
            List.of(new int[] {'a'}, new int[] {'b'}, new int[] {'a', 'b'});
    private static final float[] SCORES = {
        (float) Math.log(0.5), (float) Math.log(0.25), (float) Math.log(0.25)
    };

    private static Lattice lattice(String word) {
        Lattice lattice = new Lattice();
        lattice.populate(word.codePoints().toArray(), new PieceTrie(PIECES), SCORES, -20);
        return lattice;
    }

    @Test
    void marginals_areEachPiecesShareOfTheSegmentations_timesTheWordFrequency() {
        // "ab" is [ab] with probability 1/4 or [a, b] with 1/8: Z = 3/8
        double[] expected = new double[3];
        double z = lattice("ab").addMarginals(3, expected);
        assertEquals(Math.log(0.375), z, 1e-6);
        assertEquals(3 * (1.0 / 3), expected[0], 1e-6);
        assertEquals(3 * (1.0 / 3), expected[1], 1e-6);
        assertEquals(3 * (2.0 / 3), expected[2], 1e-6);
    }

    @Test
    void viterbi_findsTheBestSegmentation_andTheBestWithoutAPiece() {
        Lattice lattice = lattice("abab");
        int[] path = new int[4];
        int n = lattice.viterbi(-2, path);
        assertArrayEquals(new int[] {2, 2}, Arrays.copyOf(path, n));
        assertEquals(2 * Math.log(0.25), lattice.bestScore(), 1e-6);
        n = lattice.viterbi(2, path);
        assertArrayEquals(new int[] {0, 1, 0, 1}, Arrays.copyOf(path, n));
    }

    @Test
    void characterWithoutAPiece_becomesOneUnknownNode() {
        Lattice lattice = lattice("acb");
        int[] path = new int[3];
        int n = lattice.viterbi(-2, path);
        assertArrayEquals(new int[] {0, -1, 1}, Arrays.copyOf(path, n));
        double[] expected = new double[3];
        lattice.addMarginals(1, expected);
        assertEquals(1.0, expected[0], 1e-9);
        assertEquals(1.0, expected[1], 1e-9);
        assertEquals(0.0, expected[2], 1e-9);
    }
}
