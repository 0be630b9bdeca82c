package dev.forkbook.ui.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Where each node of a fork tree is drawn in a commit-graph style list: rows in depth-first
 * pre-order (children in the order given, oldest first), the first child continuing its parent's
 * lane and each later child opening the lowest free lane to the right of its parent. A pure
 * function of the tree's shape, computed once per change and read by the recycled row cells.
 */
public final class LaneLayout {

    /**
     * An edge drawn in a row: the lane it runs in and the child it leads to (for highlighting the
     * current path).
     */
    public record Edge(int lane, String child) {
    }

    /**
     * One row of the graph.
     *
     * @param id the node
     * @param depth how many edges from the root
     * @param lane the column of the node's dot
     * @param fromAbove true when an edge comes into the dot from the row above (every node but the
     *     root)
     * @param firstChild the child drawn in the next row in the same lane, or null
     * @param branches later children, each an edge leaving the dot to the right and down
     * @param through edges passing this row from top to bottom without touching the dot
     * @param hidden how many descendants a collapsed node hides (0 when expanded)
     */
    public record Row(String id, int depth, int lane, boolean fromAbove, String firstChild,
            List<Edge> branches, List<Edge> through, int hidden) {
    }

    private final List<Row> rows;
    private final Map<String, Integer> index;
    private final int width;

    private LaneLayout(List<Row> rows, int width) {
        this.rows = List.copyOf(rows);
        this.width = width;
        this.index = new HashMap<>(rows.size() * 2);
        for (int i = 0; i < rows.size(); i++) {
            index.put(rows.get(i).id(), i);
        }
    }

    /**
     * Lays out the tree under {@code root}.
     *
     * @param children a node's children, oldest first
     * @param collapsed nodes whose descendants are left out
     */
    public static LaneLayout of(String root, Function<String, List<String>> children,
            Set<String> collapsed) {
        List<Row> rows = new ArrayList<>();
        // Lanes occupied by an edge waiting for its child further down: lane -> child id, by lane.
        TreeMap<Integer, String> pending = new TreeMap<>();
        TreeSet<Integer> free = new TreeSet<>();
        int width = 1;
        // The edges passing a row change only where a lane opens or closes, so a chain of rows
        // shares one list (cheap to build and to compare at 1,000 rows).
        List<Edge> through = List.of();
        boolean pendingChanged = false;
        record Visit(String id, int depth, int lane, boolean fromAbove) {
        }
        Deque<Visit> stack = new ArrayDeque<>();
        stack.push(new Visit(root, 0, 0, false));
        while (!stack.isEmpty()) {
            Visit visit = stack.pop();
            pendingChanged |= pending.remove(visit.lane()) != null;
            boolean folded = collapsed.contains(visit.id());
            List<String> kids = folded ? List.of() : children.apply(visit.id());
            int hidden = folded ? countBelow(visit.id(), children) : 0;
            if (pendingChanged) {
                List<Edge> edges = new ArrayList<>(pending.size());
                pending.forEach((lane, child) -> edges.add(new Edge(lane, child)));
                through = List.copyOf(edges);
                pendingChanged = false;
            }
            List<Edge> branches = kids.size() < 2 ? List.of() : new ArrayList<>(kids.size() - 1);
            for (int i = 1; i < kids.size(); i++) {
                Integer lane = free.higher(visit.lane());
                if (lane == null) {
                    lane = Math.max(width, visit.lane() + 1);
                    for (int gap = width; gap < lane; gap++) {
                        free.add(gap);
                    }
                    width = lane + 1;
                } else {
                    free.remove(lane);
                }
                branches.add(new Edge(lane, kids.get(i)));
                pending.put(lane, kids.get(i));
                pendingChanged = true;
            }
            String firstChild = kids.isEmpty() ? null : kids.get(0);
            rows.add(new Row(visit.id(), visit.depth(), visit.lane(), visit.fromAbove(), firstChild,
                    branches.isEmpty() ? List.of() : List.copyOf(branches), through, hidden));
            if (kids.isEmpty()) {
                free.add(visit.lane());
                // A lane freed here is reused only below this row, so a lane that ends and a lane
                // that starts never share a row.
            }
            for (int i = branches.size() - 1; i >= 0; i--) {
                stack.push(new Visit(branches.get(i).child(), visit.depth() + 1,
                        branches.get(i).lane(), true));
            }
            if (firstChild != null) {
                stack.push(new Visit(firstChild, visit.depth() + 1, visit.lane(), true));
            }
        }
        return new LaneLayout(rows, width);
    }

    private static int countBelow(String id, Function<String, List<String>> children) {
        int count = 0;
        Deque<String> pending = new ArrayDeque<>(children.apply(id));
        while (!pending.isEmpty()) {
            count++;
            pending.addAll(children.apply(pending.pop()));
        }
        return count;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The row of a node, or -1 when it is not shown (unknown or inside a collapsed subtree). */
    public int rowOf(String id) {
        Integer row = index.get(id);
        return row == null ? -1 : row;
    }

    /** How many lanes the widest row uses. */
    public int width() {
        return width;
    }
}
