package dev.forkbook.ui.compare;

import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.NotebookSession;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.notebook.TreeListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One cell run on several nodes at once: each run becomes a child of its node (the kernel runs them in
 * parallel), and each branch's column follows its child as it runs and finishes. Call on the FX
 * thread (the session's owner).
 */
public final class ManyBranchesModel {

    /** One column: the node it runs from and the child the run made (null before any run). */
    public record Branch(String nodeId, String title, CellNode result) {
    }

    private final NotebookSession session;
    private final ObservableList<Branch> branches = FXCollections.observableArrayList();
    /** One wrapper for all callers: listeners on a dropped wrapper would be collected with it. */
    private final ObservableList<Branch> readOnlyBranches =
            FXCollections.unmodifiableObservableList(branches);
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper();
    private final Map<String, Integer> columnOfChild = new HashMap<>();
    private Integer capturing;

    public ManyBranchesModel(NotebookSession session) {
        this.session = session;
        session.tree().addListener(new TreeListener() {
            @Override
            public void added(CellNode node) {
                if (capturing != null) {
                    columnOfChild.put(node.id(), capturing);
                    replace(capturing, node);
                }
            }

            @Override
            public void updated(CellNode before, CellNode after) {
                Integer column = columnOfChild.get(after.id());
                if (column != null) {
                    replace(column, after);
                }
            }

            @Override
            public void removed(CellNode node) {
            }
        });
    }

    /** The nodes to run on, one column each, in this order. */
    public void setBranches(List<String> nodeIds) {
        columnOfChild.clear();
        List<Branch> columns = new ArrayList<>();
        for (String id : nodeIds) {
            columns.add(new Branch(id, titleOf(id), null));
        }
        branches.setAll(columns);
        recount();
    }

    /** Every leaf of the tree that holds code (the usual "run on all leaves"). */
    public static List<String> leaves(NotebookTree tree) {
        List<String> leaves = new ArrayList<>();
        for (CellNode node : tree.depthFirst()) {
            if (!node.isRoot() && node.kind() == CellKind.CODE && tree.children(node.id()).isEmpty()) {
                leaves.add(node.id());
            }
        }
        return leaves;
    }

    /** Runs {@code source} once under every branch node, all at the same time. */
    public void run(String source) {
        columnOfChild.clear();
        for (int i = 0; i < branches.size(); i++) {
            capturing = i;
            try {
                session.run(branches.get(i).nodeId(), source);
            } finally {
                capturing = null;
            }
        }
        recount();
    }

    /** Stops every branch still running. */
    public void interruptAll() {
        for (Branch branch : branches) {
            if (branch.result() != null && branch.result().status() == CellStatus.RUNNING) {
                session.interrupt(branch.result().id());
            }
        }
    }

    private void replace(int column, CellNode node) {
        if (column < branches.size()) {
            Branch old = branches.get(column);
            branches.set(column, new Branch(old.nodeId(), old.title(), node));
            recount();
        }
    }

    private void recount() {
        running.set((int) branches.stream().filter(b -> b.result() != null
                && b.result().status() == CellStatus.RUNNING).count());
    }

    private String titleOf(String id) {
        CellNode node = session.tree().get(id);
        String count = node.executionCount() == null ? "" : "[" + node.executionCount() + "] ";
        return node.isRoot() ? "initial" : count + node.title();
    }

    public ObservableList<Branch> branches() {
        return readOnlyBranches;
    }

    /** How many branches are still running. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }
}
