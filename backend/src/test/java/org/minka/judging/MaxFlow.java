package org.minka.judging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Dinic's maximum flow on a small graph of int capacities: an independent check for tests. */
final class MaxFlow {

    private final List<int[]> edges = new ArrayList<>();
    private final List<List<Integer>> out = new ArrayList<>();
    private int[] level;
    private int[] next;

    MaxFlow(int nodes) {
        for (int i = 0; i < nodes; i++) {
            out.add(new ArrayList<>());
        }
    }

    /** An edge from → to of capacity cap (edge = {to, capacity left}). */
    void edge(int from, int to, int cap) {
        out.get(from).add(edges.size());
        edges.add(new int[] {to, cap});
        out.get(to).add(edges.size());
        edges.add(new int[] {from, 0});
    }

    long flow(int source, int sink) {
        long total = 0;
        while (levels(source, sink)) {
            next = new int[out.size()];
            int pushed;
            while ((pushed = push(source, sink, Integer.MAX_VALUE)) > 0) {
                total += pushed;
            }
        }
        return total;
    }

    private boolean levels(int source, int sink) {
        level = new int[out.size()];
        Arrays.fill(level, -1);
        int[] queue = new int[out.size()];
        int head = 0;
        int tail = 0;
        queue[tail++] = source;
        level[source] = 0;
        while (head < tail) {
            int node = queue[head++];
            for (int e : out.get(node)) {
                int[] edge = edges.get(e);
                if (edge[1] > 0 && level[edge[0]] < 0) {
                    level[edge[0]] = level[node] + 1;
                    queue[tail++] = edge[0];
                }
            }
        }
        return level[sink] >= 0;
    }

    private int push(int node, int sink, int limit) {
        if (node == sink) {
            return limit;
        }
        for (; next[node] < out.get(node).size(); next[node]++) {
            int e = out.get(node).get(next[node]);
            int[] edge = edges.get(e);
            if (edge[1] > 0 && level[edge[0]] == level[node] + 1) {
                int pushed = push(edge[0], sink, Math.min(limit, edge[1]));
                if (pushed > 0) {
                    edge[1] -= pushed;
                    edges.get(e ^ 1)[1] += pushed;
                    return pushed;
                }
            }
        }
        return 0;
    }
}
