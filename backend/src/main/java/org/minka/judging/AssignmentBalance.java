package org.minka.judging;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Evens out judges' loads by moving assignments along chains. A chain from judge {@code a} to judge
 * {@code b} is a sequence a → s1 → j1 → s2 → … → b where each judge holds the next submission (an
 * assignment made in this plan, not a kept one) and the judge after it is a candidate of that
 * submission not yet on it. Moving every step of the chain takes one assignment from {@code a},
 * gives one to {@code b}, and leaves every other load and every submission's count as they were.
 *
 * <p>Loads are balanced when no chain leads from a judge to one with two fewer. The feasible load
 * vectors of such a plan form an M-convex set (the judge-side supplies of a flow network), and for
 * those a vector without such a chain is decreasingly minimal, which is the same as increasingly
 * maximal and as having the least sum of squares (Frank and Murota, "Discrete decreasing
 * minimization, Part I", 2022): no assignment has a lower highest load, or a higher lowest load,
 * within any group of judges that shares work. Each move lowers the sum of squared loads by at
 * least 2, so the search ends.
 *
 * <p>One pass searches breadth-first from the judges in decreasing load (then seeded rank) order. A
 * search that finds no lighter judge marks every judge it reached as settled: each of them has at
 * least the searched judge's load minus one and reaches only judges it reached, so later searches
 * skip them. After a move the pass starts again. Everything is visited in index order, so the
 * result depends only on the inputs and the seeded rank.
 */
final class AssignmentBalance {

    private final int[][] candidates;
    private final BitSet[] holds;
    private final int[] load;
    private final int[] rank;
    private final int[] viaWork;
    private final int[] fromJudge;
    private final boolean[] reached;
    private final boolean[] seen;

    /**
     * @param candidates per submission, the judges that may take it (conflict-free, in scope, not
     *     excluded, not kept on it)
     * @param holds per judge, the submissions assigned to them in this plan; changed in place
     * @param load per judge, every assignment held (kept ones included); changed in place
     * @param rank per judge, the seeded order that breaks ties
     */
    AssignmentBalance(int[][] candidates, BitSet[] holds, int[] load, int[] rank) {
        this.candidates = candidates;
        this.holds = holds;
        this.load = load;
        this.rank = rank;
        this.viaWork = new int[load.length];
        this.fromJudge = new int[candidates.length];
        this.reached = new boolean[load.length];
        this.seen = new boolean[candidates.length];
    }

    /** Moves work along chains until no judge reaches one with two fewer; how many moves. */
    int balance() {
        int moves = 0;
        while (pass()) {
            moves++;
        }
        return moves;
    }

    /** One pass: the first chain found is moved (true), or none exists (false). */
    private boolean pass() {
        boolean[] settled = new boolean[load.length];
        for (int from : heaviestFirst()) {
            if (settled[from]) {
                continue;
            }
            int to = search(from, settled);
            if (to >= 0) {
                move(from, to);
                return true;
            }
            for (int j = 0; j < load.length; j++) {
                settled[j] |= reached[j];
            }
        }
        return false;
    }

    private int[] heaviestFirst() {
        Integer[] order = new Integer[load.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> load[a] != load[b] ? load[b] - load[a] : rank[a] - rank[b]);
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /**
     * Breadth-first over chains from {@code from}, skipping settled judges; the lightest judge
     * reached (seeded rank on ties) when it has at least two fewer, else -1.
     */
    private int search(int from, boolean[] settled) {
        Arrays.fill(reached, false);
        Arrays.fill(seen, false);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        reached[from] = true;
        queue.add(from);
        int best = -1;
        while (!queue.isEmpty()) {
            int judge = queue.poll();
            BitSet held = holds[judge];
            for (int w = held.nextSetBit(0); w >= 0; w = held.nextSetBit(w + 1)) {
                if (seen[w]) {
                    continue;
                }
                seen[w] = true;
                fromJudge[w] = judge;
                for (int next : candidates[w]) {
                    if (reached[next] || settled[next] || holds[next].get(w)) {
                        continue;
                    }
                    reached[next] = true;
                    viaWork[next] = w;
                    queue.add(next);
                    best = lighter(next, best);
                }
            }
        }
        return best >= 0 && load[best] <= load[from] - 2 ? best : -1;
    }

    private int lighter(int a, int b) {
        if (b < 0 || load[a] < load[b]) {
            return a;
        }
        return load[a] == load[b] && rank[a] < rank[b] ? a : b;
    }

    /** Moves each step of the chain that reached {@code to}, back to {@code from}. */
    private void move(int from, int to) {
        int judge = to;
        while (judge != from) {
            int w = viaWork[judge];
            int previous = fromJudge[w];
            holds[previous].clear(w);
            holds[judge].set(w);
            judge = previous;
        }
        load[from]--;
        load[to]++;
    }
}
