package dev.forkbook.ui.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LaneLayoutTest {

    /** A tree given as parent -> children, oldest first. */
    private final Map<String, List<String>> children = new LinkedHashMap<>();

    private void add(String parent, String child) {
        children.computeIfAbsent(parent, p -> new ArrayList<>()).add(child);
    }

    private LaneLayout layout(Set<String> collapsed) {
        return LaneLayout.of("root", id -> children.getOrDefault(id, List.of()), collapsed);
    }

    private LaneLayout layout() {
        return layout(Set.of());
    }

    private static List<String> ids(LaneLayout layout) {
        return layout.rows().stream().map(LaneLayout.Row::id).toList();
    }

    private static int lane(LaneLayout layout, String id) {
        return layout.rows().get(layout.rowOf(id)).lane();
    }

    @Test
    void a_fifty_cell_chain_stays_in_one_lane() {
        String parent = "root";
        for (int i = 0; i < 50; i++) {
            add(parent, "c" + i);
            parent = "c" + i;
        }
        LaneLayout layout = layout();
        assertEquals(51, layout.rows().size());
        assertEquals(1, layout.width());
        assertTrue(layout.rows().stream().allMatch(row -> row.lane() == 0 && row.through().isEmpty()
                && row.branches().isEmpty()));
        assertFalse(layout.rows().get(0).fromAbove(), "nothing comes into the root");
        assertTrue(layout.rows().get(50).fromAbove());
        assertNull(layout.rows().get(50).firstChild(), "the last cell has nothing below");
    }

    @Test
    void a_fork_opens_a_lane_to_the_right_and_rows_are_in_pre_order() {
        add("root", "a");
        add("a", "b");
        add("b", "c");
        add("a", "b2");
        add("b2", "c2");
        LaneLayout layout = layout();
        assertEquals(List.of("root", "a", "b", "c", "b2", "c2"), ids(layout));
        assertEquals(0, lane(layout, "b"), "the first child continues its parent's lane");
        assertEquals(0, lane(layout, "c"));
        assertEquals(1, lane(layout, "b2"), "the later child opens a lane");
        assertEquals(1, lane(layout, "c2"), "and its own chain stays in it");
        assertEquals(2, layout.width());
        LaneLayout.Row a = layout.rows().get(layout.rowOf("a"));
        assertEquals(List.of(new LaneLayout.Edge(1, "b2")), a.branches());
        assertEquals("b", a.firstChild());
        assertEquals(List.of(new LaneLayout.Edge(1, "b2")),
                layout.rows().get(layout.rowOf("c")).through(), "the edge to b2 passes c's row");
        assertTrue(layout.rows().get(layout.rowOf("b2")).through().isEmpty());
    }

    @Test
    void children_are_laid_out_in_the_order_given_and_each_later_child_gets_its_own_lane() {
        add("root", "x");
        add("root", "y");
        add("root", "z");
        LaneLayout layout = layout();
        assertEquals(List.of("root", "x", "y", "z"), ids(layout));
        assertEquals(List.of(0, 1, 2), List.of(lane(layout, "x"), lane(layout, "y"),
                lane(layout, "z")));
        assertEquals(List.of(new LaneLayout.Edge(1, "y"), new LaneLayout.Edge(2, "z")),
                layout.rows().get(layout.rowOf("x")).through());
        assertEquals(List.of(new LaneLayout.Edge(2, "z")),
                layout.rows().get(layout.rowOf("y")).through());
    }

    @Test
    void a_lane_is_reused_once_its_branch_has_ended() {
        add("root", "a");
        add("a", "a1");
        add("a", "a2");
        add("a2", "a2x");
        add("root", "b");
        add("b", "b1");
        add("b", "b2");
        LaneLayout layout = layout();
        assertEquals(1, lane(layout, "b"), "the root's fork takes lane 1 at the root's row");
        assertEquals(2, lane(layout, "a2"), "so a's fork, further down, opens lane 2");
        assertEquals(2, lane(layout, "b2"), "lane 2 is free again below a2's branch");
        assertEquals(3, layout.width());
    }

    @Test
    void a_collapsed_node_hides_its_subtree_and_counts_it() {
        add("root", "a");
        add("a", "b");
        add("b", "c");
        add("a", "d");
        LaneLayout layout = layout(Set.of("a"));
        assertEquals(List.of("root", "a"), ids(layout));
        assertEquals(3, layout.rows().get(1).hidden());
        assertEquals(-1, layout.rowOf("c"));
        assertNull(layout.rows().get(1).firstChild());
        assertEquals(1, layout.width());
    }

    @Test
    void depth_counts_edges_from_the_root() {
        add("root", "a");
        add("a", "b");
        add("root", "c");
        LaneLayout layout = layout();
        assertEquals(List.of(0, 1, 2, 1), layout.rows().stream().map(LaneLayout.Row::depth)
                .toList());
    }
}
