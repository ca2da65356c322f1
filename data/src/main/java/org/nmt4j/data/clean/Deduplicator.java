package org.nmt4j.data.clean;

import java.util.Arrays;
import org.nmt4j.data.SeededHash;

/**
 * Remembers which (source, target) pairs were seen, as 64-bit hashes in an open-addressing table
 * (16 bytes per pair at most), so de-duplicating a 10-million-pair corpus needs about 160 MB, not
 * the text. Two different pairs collide with probability about n²/2⁶⁵ (3·10⁻⁶ for 10⁷ pairs); a
 * collision drops one pair.
 */
public final class Deduplicator {
    private static final long EMPTY = 0L;
    private static final long SEED = 0x5eed_d0d0L;

    private long[] table = new long[1 << 12];
    private int size;
    private boolean zeroSeen;

    /**
     * Records a pair and tells whether it is new.
     *
     * @param source the normalised source
     * @param target the normalised target
     * @return true the first time this pair is seen, false for a repeat
     */
    public boolean firstTime(String source, String target) {
        long h = SeededHash.hash64(SEED, source + '\t' + target);
        if (h == EMPTY) {
            boolean first = !zeroSeen;
            zeroSeen = true;
            return first;
        }
        if (2 * (size + 1) > table.length) {
            grow();
        }
        return insert(table, h);
    }

    /**
     * Returns how many distinct pairs were recorded.
     *
     * @return the count
     */
    public int size() {
        return size + (zeroSeen ? 1 : 0);
    }

    private boolean insert(long[] t, long h) {
        int mask = t.length - 1;
        for (int i = (int) h & mask; ; i = (i + 1) & mask) {
            if (t[i] == EMPTY) {
                t[i] = h;
                size++;
                return true;
            }
            if (t[i] == h) {
                return false;
            }
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        size = 0;
        Arrays.stream(old).filter(h -> h != EMPTY).forEach(h -> insert(table, h));
    }
}
