package org.nmt4j.data.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The one token-budget batching policy: items (sentences, pairs, parts of lines) are taken in an
 * order and cut into consecutive batches, a batch being closed when adding the next item would make
 * its padded size exceed the budget. A batch's padded size is
 *
 * <pre>
 * rows × (max width₁ + max width₂ + …) × multiplier
 * </pre>
 *
 * where each width is a per-item row length (e.g. the source row, S, and the target row, T, for a
 * training batch of B·(S + T) cells; the source row only, times the beam, for translation) and the
 * maxima are taken over the batch's items. An item that alone exceeds the budget makes a batch of
 * one; every item is in exactly one batch.
 *
 * <p>Used by training ({@link Batcher}: pre-sorted chunks, {@link Order#AS_GIVEN}), by the dev loss
 * (shortest first) and by translation (longest first, times the beam).
 */
public final class TokenBudget {

    /** The order in which items are cut into batches. */
    public enum Order {
        /** As given (the caller has sorted them). */
        AS_GIVEN,
        /** By total width (sum of the widths), shortest first; ties in the given order. */
        SHORTEST_FIRST,
        /** By total width, longest first; ties in the given order. */
        LONGEST_FIRST
    }

    private final long budget;
    private final int multiplier;
    private final IntUnaryOperator[] widths;

    private TokenBudget(long budget, int multiplier, IntUnaryOperator[] widths) {
        if (budget < 1 || multiplier < 1) {
            throw new IllegalArgumentException(
                    "budget and multiplier must be >= 1, got " + budget + " and " + multiplier);
        }
        if (widths.length == 0) {
            throw new IllegalArgumentException("at least one width is needed");
        }
        this.budget = budget;
        this.multiplier = multiplier;
        this.widths = widths.clone();
    }

    /**
     * Creates a policy with multiplier 1.
     *
     * @param budget the most padded cells in one batch
     * @param widths per item, the length of each of its rows (item index to length)
     * @return the policy
     * @throws IllegalArgumentException if the budget is below 1 or no width is given
     */
    public static TokenBudget of(long budget, IntUnaryOperator... widths) {
        return new TokenBudget(budget, 1, widths);
    }

    /**
     * Returns the same policy with every batch's size multiplied (e.g. by the beam, whose rows each
     * hold a copy of the source).
     *
     * @param factor the multiplier
     * @return the policy
     * @throws IllegalArgumentException if the factor is below 1
     */
    public TokenBudget times(int factor) {
        return new TokenBudget(budget, factor, widths);
    }

    /**
     * Returns the budget.
     *
     * @return the most padded cells in one batch
     */
    public long budget() {
        return budget;
    }

    /**
     * Returns the padded size of a batch of one item.
     *
     * @param item the item
     * @return the sum of its widths, times the multiplier
     */
    public long cost(int item) {
        return width(item) * multiplier;
    }

    /**
     * Cuts items {@code 0 .. n-1} into batches.
     *
     * @param n the number of items
     * @param order the order in which they are taken
     * @return the batches of item indices, in the order taken
     */
    public List<int[]> batches(int n, Order order) {
        int[] items = new int[n];
        Arrays.setAll(items, i -> i);
        return batches(items, order);
    }

    /**
     * Cuts some items into batches.
     *
     * @param items the items, in the given order
     * @param order the order in which they are taken
     * @return the batches of item indices, in the order taken
     */
    public List<int[]> batches(int[] items, Order order) {
        return cut(order == Order.AS_GIVEN ? items : sorted(items, order));
    }

    private int[] sorted(int[] items, Order order) {
        Integer[] boxed = Arrays.stream(items).boxed().toArray(Integer[]::new);
        Comparator<Integer> byWidth = Comparator.comparingLong(this::width);
        Arrays.sort(boxed, order == Order.LONGEST_FIRST ? byWidth.reversed() : byWidth);
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    private List<int[]> cut(int[] items) {
        List<int[]> out = new ArrayList<>();
        int[] max = new int[widths.length];
        int[] next = new int[widths.length];
        int start = 0;
        for (int k = 0; k < items.length; k++) {
            long sum = 0;
            for (int d = 0; d < widths.length; d++) {
                next[d] = Math.max(max[d], widths[d].applyAsInt(items[k]));
                sum += next[d];
            }
            if (k > start && (k - start + 1L) * sum * multiplier > budget) {
                out.add(Arrays.copyOfRange(items, start, k));
                start = k;
                for (int d = 0; d < widths.length; d++) {
                    next[d] = widths[d].applyAsInt(items[k]);
                }
            }
            System.arraycopy(next, 0, max, 0, max.length);
        }
        if (start < items.length) {
            out.add(Arrays.copyOfRange(items, start, items.length));
        }
        return out;
    }

    private long width(int item) {
        long sum = 0;
        for (IntUnaryOperator w : widths) {
            sum += w.applyAsInt(item);
        }
        return sum;
    }
}
