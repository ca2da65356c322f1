package org.nmt4j.data.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nmt4j.data.batch.TokenBudget.Order;

class TokenBudgetTest {

    private static List<List<Integer>> lists(List<int[]> batches) {
        return batches.stream().map(b -> Arrays.stream(b).boxed().toList()).toList();
    }

    @Test
    void asGiven_closesABatch_whenRowsTimesTheLongestRowWouldExceedTheBudget() {
        int[] w = {2, 3, 1, 5, 2};
        TokenBudget policy = TokenBudget.of(8, i -> w[i]);
        // [2,3] = 2×3 = 6; + 1 would be 3×3 = 9; [1,5] = 2×5 = 10; [5,2] = 2×5 = 10
        assertEquals(
                List.of(List.of(0, 1), List.of(2), List.of(3), List.of(4)),
                lists(policy.batches(w.length, Order.AS_GIVEN)));
    }

    @Test
    void twoWidths_costTheSumOfTheirMaxima_notTheLargestSum() {
        int[] s = {2, 1};
        int[] t = {1, 2};
        // each pair is 3 cells wide, but together they pad to (2 + 2) per row: 2 × 4 = 8 cells
        assertEquals(
                List.of(List.of(0), List.of(1)),
                lists(TokenBudget.of(7, i -> s[i], i -> t[i]).batches(2, Order.AS_GIVEN)));
        assertEquals(
                List.of(List.of(0, 1)),
                lists(TokenBudget.of(8, i -> s[i], i -> t[i]).batches(2, Order.AS_GIVEN)));
        assertEquals(3, TokenBudget.of(8, i -> s[i], i -> t[i]).cost(0));
    }

    @Test
    void multiplier_scalesEveryBatch_likeABeamOfCopies() {
        int[] w = {4, 4, 4};
        TokenBudget policy = TokenBudget.of(24, i -> w[i]);
        assertEquals(List.of(List.of(0, 1, 2)), lists(policy.batches(3, Order.AS_GIVEN)));
        assertEquals(List.of(List.of(0, 1, 2)), lists(policy.times(2).batches(3, Order.AS_GIVEN)));
        assertEquals(
                List.of(List.of(0, 1), List.of(2)),
                lists(policy.times(3).batches(3, Order.AS_GIVEN)));
        assertEquals(12, policy.times(3).cost(0));
    }

    @Test
    void sortedOrders_takeItemsByWidth_withTiesInTheGivenOrder() {
        int[] w = {3, 1, 2, 1};
        TokenBudget policy = TokenBudget.of(4, i -> w[i]);
        assertEquals(
                List.of(List.of(1, 3), List.of(2), List.of(0)),
                lists(policy.batches(4, Order.SHORTEST_FIRST)));
        assertEquals(
                List.of(List.of(0), List.of(2, 1), List.of(3)),
                lists(policy.batches(4, Order.LONGEST_FIRST)));
        assertEquals(
                List.of(List.of(3, 1), List.of(2)),
                lists(policy.batches(new int[] {3, 2, 1}, Order.SHORTEST_FIRST)));
    }

    @Test
    void itemThatAloneExceedsTheBudget_isABatchOfOne() {
        int[] w = {1, 10, 1};
        assertEquals(
                List.of(List.of(0), List.of(1), List.of(2)),
                lists(TokenBudget.of(5, i -> w[i]).batches(3, Order.AS_GIVEN)));
        assertEquals(List.of(), TokenBudget.of(5, i -> 1).batches(0, Order.LONGEST_FIRST));
    }

    @Test
    void randomItems_areEachInExactlyOneBatch_andNoBatchOfSeveralExceedsTheBudget() {
        Random r = new Random(3);
        int n = 2000;
        int[] s = r.ints(n, 1, 50).toArray();
        int[] t = r.ints(n, 1, 50).toArray();
        for (Order order : Order.values()) {
            TokenBudget policy = TokenBudget.of(300, i -> s[i], i -> t[i]).times(2);
            int[] seen = new int[n];
            for (int[] batch : policy.batches(n, order)) {
                int maxS = Arrays.stream(batch).map(i -> s[i]).max().orElseThrow();
                int maxT = Arrays.stream(batch).map(i -> t[i]).max().orElseThrow();
                long cells = (long) batch.length * (maxS + maxT) * 2;
                assertTrue(batch.length == 1 || cells <= 300, order + ": " + cells);
                Arrays.stream(batch).forEach(i -> seen[i]++);
            }
            assertTrue(Arrays.stream(seen).allMatch(c -> c == 1), order.toString());
        }
    }

    @Test
    void budgetOrMultiplierBelowOne_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> TokenBudget.of(0, i -> 1));
        assertThrows(IllegalArgumentException.class, () -> TokenBudget.of(5, i -> 1).times(0));
        assertThrows(IllegalArgumentException.class, () -> TokenBudget.of(5));
    }
}
