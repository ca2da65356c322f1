package org.nmt4j.data.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nmt4j.text.SpecialTokens;

class BatchBuilderTest {
    // pad 0, unk 1, bos 2, eos 3
    private static final TokenizedCorpus CORPUS =
            TokenizedCorpus.builder()
                    .add(new int[] {10, 11, 12}, new int[] {20, 21})
                    .add(new int[] {13}, new int[] {22, 23, 24, 25})
                    .build();

    @Test
    void shift_targetInIsBosPlusY_labelsAreYPlusEos_sourceIsXPlusEos_rightPadded() {
        TokenBatch b = BatchBuilder.standard().build(CORPUS, new int[] {0, 1});
        assertEquals(4, b.sourceLength());
        assertEquals(5, b.targetLength());
        assertArrayEquals(new long[] {10, 11, 12, 3, /* row 2 */ 13, 3, 0, 0}, b.source());
        assertArrayEquals(
                new long[] {2, 20, 21, 0, 0, /* row 2 */ 2, 22, 23, 24, 25}, b.targetIn());
        assertArrayEquals(new long[] {20, 21, 3, 0, 0, /* row 2 */ 22, 23, 24, 25, 3}, b.labels());
        assertEquals(4 + 2, b.realSourceTokens());
        assertEquals(3 + 5, b.realTargetTokens());
    }

    @Test
    void padding_goesToTheStartOfEachRow_whenLeftPaddingIsAskedFor() {
        TokenBatch b =
                new BatchBuilder(SpecialTokens.DEFAULT, Padding.LEFT)
                        .build(CORPUS, new int[] {0, 1});
        assertArrayEquals(new long[] {10, 11, 12, 3, /* row 2 */ 0, 0, 13, 3}, b.source());
        assertArrayEquals(
                new long[] {0, 0, 2, 20, 21, /* row 2 */ 2, 22, 23, 24, 25}, b.targetIn());
        assertArrayEquals(new long[] {0, 0, 20, 21, 3, /* row 2 */ 22, 23, 24, 25, 3}, b.labels());
    }

    @Test
    void padding_usesTheConfiguredPadId() {
        SpecialTokens other = new SpecialTokens(7, 1, 2, 3);
        TokenBatch b = new BatchBuilder(other, Padding.RIGHT).build(CORPUS, new int[] {1, 0});
        assertArrayEquals(new long[] {13, 3, 7, 7, 10, 11, 12, 3}, b.source());
    }

    @Test
    void paddingShare_isPadCellsOverAllCells() {
        TokenBatch b = BatchBuilder.standard().build(CORPUS, new int[] {0, 1});
        // cells: 2 x 4 source + 2 x 5 target = 18; real: 6 + 8 = 14
        assertEquals(18, b.paddedTokens());
        assertEquals(4.0 / 18, b.paddingShare(), 1e-12);
        PaddingStats s = PaddingStats.of(CORPUS, List.of(new int[] {0, 1}, new int[] {1}));
        assertEquals(18 + 2 + 5, s.paddedTokens());
        assertEquals(14 + 7, s.realTokens());
        assertEquals(1 - 21.0 / 25, s.share(), 1e-12);
    }

    @Test
    void toArrays_givesInt64MatricesOfShapeBxSAndBxT() {
        TokenBatch b = BatchBuilder.standard().build(CORPUS, new int[] {0, 1});
        try (NDManager manager = NDManager.newBaseManager()) {
            TokenBatch.Tensors t = b.toArrays(manager);
            assertEquals(new Shape(2, 4), t.source().getShape());
            assertEquals(new Shape(2, 5), t.targetIn().getShape());
            assertEquals(new Shape(2, 5), t.labels().getShape());
            assertEquals(DataType.INT64, t.source().getDataType());
            assertEquals(DataType.INT64, t.labels().getDataType());
            assertArrayEquals(b.targetIn(), t.targetIn().toLongArray());
            assertEquals(2, t.inputs().size());
        }
    }

    @Test
    void sources_forTranslation_followTheSameSourceConvention() {
        BatchBuilder builder = BatchBuilder.standard();
        long[][] rows = builder.sources(List.of(new int[] {10, 11, 12}, new int[] {13}));
        assertArrayEquals(new long[] {10, 11, 12, 3}, rows[0]);
        assertArrayEquals(new long[] {13, 3, 0, 0}, rows[1]);
        TokenBatch training = builder.build(CORPUS, new int[] {0, 1});
        assertArrayEquals(
                training.source(),
                new long[] {
                    rows[0][0],
                    rows[0][1],
                    rows[0][2],
                    rows[0][3],
                    rows[1][0],
                    rows[1][1],
                    rows[1][2],
                    rows[1][3]
                });
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(
                    new Shape(2, 4),
                    builder.sourceArray(manager, List.of(new int[] {10, 11, 12}, new int[] {13}))
                            .getShape());
        }
    }
}
