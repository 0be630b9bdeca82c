package dev.forkbook.ui.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import java.time.Instant;
import java.util.List;
import javafx.css.PseudoClass;
import org.junit.jupiter.api.Test;

class NodeStatusTest {

    private static CellNode node(String id, CellKind kind, CellStatus status, ExecutionError error,
            Integer count) {
        return new CellNode(id, "initial", kind, "x = 1", status, List.of(), error, count, null,
                Instant.now(), 0, false);
    }

    @Test
    void every_status_gets_a_pseudo_class_named_after_it() {
        for (CellStatus status : CellStatus.values()) {
            String name = status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            assertTrue(NodeStatus.pseudoClasses(node("c1", CellKind.CODE, status, null, 1))
                    .contains(PseudoClass.getPseudoClass(name)), name);
        }
    }

    @Test
    void a_failed_cell_reopened_from_a_file_is_still_an_error() {
        CellNode reopened = node("c1", CellKind.CODE, CellStatus.NOT_LIVE,
                new ExecutionError("NameError", "x", List.of()), 2);
        assertTrue(NodeStatus.pseudoClasses(reopened).contains(NodeStatus.ERROR));
        assertEquals("error, not live", NodeStatus.word(reopened));
    }

    @Test
    void rows_show_a_count_and_a_word_for_each_state() {
        assertEquals("[7]", NodeStatus.count(node("c1", CellKind.CODE, CellStatus.OK, null, 7)));
        assertEquals("[*]", NodeStatus.count(node("c1", CellKind.CODE, CellStatus.RUNNING, null,
                null)));
        assertEquals("[ ]", NodeStatus.count(node("c1", CellKind.CODE, CellStatus.NOT_LIVE, null,
                null)));
        assertEquals("", NodeStatus.word(node("c1", CellKind.CODE, CellStatus.OK, null, 1)));
        assertEquals("not live", NodeStatus.word(node("c1", CellKind.CODE, CellStatus.NOT_LIVE,
                null, 1)));
        assertEquals("markdown", NodeStatus.word(node("c1", CellKind.MARKDOWN, CellStatus.STATIC,
                null, null)));
        assertTrue(NodeStatus.pseudoClasses(node("c1", CellKind.MARKDOWN, CellStatus.STATIC, null,
                null)).contains(NodeStatus.MARKDOWN));
    }

    @Test
    void a_cell_whose_state_was_evicted_is_drawn_as_not_live_until_it_is_rebuilt() {
        CellNode ran = node("c1", CellKind.CODE, CellStatus.OK, null, 3);
        PseudoClass notLive = PseudoClass.getPseudoClass("not-live");
        assertTrue(NodeStatus.pseudoClasses(ran, true).contains(notLive));
        assertEquals("evicted", NodeStatus.word(ran, true));
        assertTrue(!NodeStatus.pseudoClasses(ran, false).contains(notLive), "live again");
        assertEquals("", NodeStatus.word(ran, false));
        CellNode failed = node("c2", CellKind.CODE, CellStatus.ERROR,
                new ExecutionError("NameError", "x", List.of()), 4);
        assertEquals("error", NodeStatus.word(failed, true), "a failed cell held no state anyway");
    }

    @Test
    void only_names_given_over_rest_are_shown() {
        assertEquals("loaded", NodeStatus.givenName(node("loaded", CellKind.CODE, CellStatus.OK,
                null, 1)));
        assertNull(NodeStatus.givenName(node("c0123456789ab", CellKind.CODE, CellStatus.OK, null,
                1)), "made up by the notebook");
        assertNull(NodeStatus.givenName(node("0123456789abcdef0123456789abcdef", CellKind.CODE,
                CellStatus.OK, null, 1)), "made up by the kernel");
    }
}
