package org.nmt4j.text;

/**
 * The reserved token ids shared by the tokenizer, the batches and the model.
 *
 * @param pad padding id; positions holding it are masked everywhere
 * @param unk unknown-piece id
 * @param bos beginning-of-sentence id, the first decoder input
 * @param eos end-of-sentence id, the last label
 */
public record SpecialTokens(int pad, int unk, int bos, int eos) {

    /** The ids this project trains SentencePiece with: pad 0, unk 1, bos 2, eos 3. */
    public static final SpecialTokens DEFAULT = new SpecialTokens(0, 1, 2, 3);

    /** Validates that the ids are non-negative and distinct. */
    public SpecialTokens {
        int[] ids = {pad, unk, bos, eos};
        String[] names = {"pad", "unk", "bos", "eos"};
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                throw new IllegalArgumentException(names[i] + " must be >= 0, got " + ids[i]);
            }
            for (int j = 0; j < i; j++) {
                if (ids[i] == ids[j]) {
                    throw new IllegalArgumentException(
                            names[i] + " and " + names[j] + " must differ, both are " + ids[i]);
                }
            }
        }
    }
}
