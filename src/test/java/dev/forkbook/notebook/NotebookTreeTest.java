package dev.forkbook.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotebookTreeTest {

    private final NotebookTree tree = new NotebookTree();

    private CellNode node(String id, String parent, CellKind kind, CellStatus status) {
        CellNode node = new CellNode(id, parent, kind, id + " source\nsecond line", status, List.of(),
                null, null, null, Instant.now(), 0, false);
        tree.add(node);
        return node;
    }

    @Test
    void path_runs_from_the_root_down_to_the_node_without_the_root() {
        node("a", "initial", CellKind.CODE, CellStatus.OK);
        node("b", "a", CellKind.CODE, CellStatus.OK);
        node("c", "b", CellKind.MARKDOWN, CellStatus.STATIC);
        assertEquals(List.of("a", "b", "c"), tree.pathTo("c").stream().map(CellNode::id).toList());
        assertEquals(List.of(), tree.pathTo("initial"));
    }

    @Test
    void siblings_keep_time_order() {
        node("a", "initial", CellKind.CODE, CellStatus.OK);
        node("z", "a", CellKind.CODE, CellStatus.OK);
        node("m", "a", CellKind.CODE, CellStatus.OK);
        assertEquals(List.of("z", "m"), tree.children("a").stream().map(CellNode::id).toList());
    }

    @Test
    void markdown_cells_share_the_state_of_their_nearest_live_code_ancestor() {
        node("a", "initial", CellKind.CODE, CellStatus.OK);
        node("md", "a", CellKind.MARKDOWN, CellStatus.STATIC);
        node("md2", "md", CellKind.MARKDOWN, CellStatus.STATIC);
        assertEquals("a", tree.kernelStateFor("md2"));
        node("top", "initial", CellKind.MARKDOWN, CellStatus.STATIC);
        assertEquals("initial", tree.kernelStateFor("top"));
    }

    @Test
    void a_not_live_code_cell_offers_no_state() {
        node("old", "initial", CellKind.CODE, CellStatus.NOT_LIVE);
        assertNull(tree.kernelStateFor("old"));
    }

    @Test
    void failed_and_pending_cells_pass_on_the_state_above_them() {
        node("a", "initial", CellKind.CODE, CellStatus.OK);
        node("bad", "a", CellKind.CODE, CellStatus.ERROR);
        node("waiting", "bad", CellKind.CODE, CellStatus.PENDING);
        assertEquals("a", tree.kernelStateFor("bad"));
        assertEquals("a", tree.kernelStateFor("waiting"));
        node("old", "waiting", CellKind.CODE, CellStatus.NOT_LIVE);
        node("below", "old", CellKind.CODE, CellStatus.ERROR);
        assertNull(tree.kernelStateFor("below"), "the state above is gone");
        assertEquals("old", tree.stateHolderFor("below").id());
    }

    @Test
    void removing_a_subtree_and_restoring_it_gives_the_same_tree() {
        node("a", "initial", CellKind.CODE, CellStatus.OK);
        node("b", "initial", CellKind.CODE, CellStatus.OK);
        node("c", "initial", CellKind.CODE, CellStatus.OK);
        node("b1", "b", CellKind.CODE, CellStatus.OK);
        node("b2", "b1", CellKind.MARKDOWN, CellStatus.STATIC);
        List<String> before = tree.depthFirst().stream().map(CellNode::id).toList();
        CommandHistory history = new CommandHistory();
        history.execute(new DeleteBranchCommand(tree, "b"));
        assertFalse(tree.contains("b1"));
        assertEquals(List.of("initial", "a", "c"),
                tree.depthFirst().stream().map(CellNode::id).toList());
        assertEquals("delete branch", history.undoDescription().orElseThrow());
        history.undo();
        assertEquals(before, tree.depthFirst().stream().map(CellNode::id).toList());
        history.redo();
        assertFalse(tree.contains("b"));
    }

    @Test
    void listeners_hear_every_change() {
        List<String> heard = new ArrayList<>();
        tree.addListener(new TreeListener() {
            @Override
            public void added(CellNode node) {
                heard.add("+" + node.id());
            }

            @Override
            public void updated(CellNode before, CellNode after) {
                heard.add("~" + after.id() + ":" + after.status());
            }

            @Override
            public void removed(CellNode node) {
                heard.add("-" + node.id());
            }
        });
        CellNode a = node("a", "initial", CellKind.CODE, CellStatus.RUNNING);
        tree.update(a.withStatus(CellStatus.OK));
        tree.removeSubtree("a");
        assertEquals(List.of("+a", "~a:OK", "-a"), heard);
    }

    @Test
    void bad_edits_are_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> node("x", "missing", CellKind.CODE, CellStatus.OK));
        node("a", "initial", CellKind.CODE, CellStatus.OK);
        assertThrows(IllegalArgumentException.class,
                () -> node("a", "initial", CellKind.CODE, CellStatus.OK));
        assertThrows(IllegalArgumentException.class, () -> tree.removeSubtree("initial"));
    }

    @Test
    void the_title_is_the_first_line() {
        assertEquals("a source", node("a", "initial", CellKind.CODE, CellStatus.OK).title());
    }
}
