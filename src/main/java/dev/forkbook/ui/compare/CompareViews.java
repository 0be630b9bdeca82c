package dev.forkbook.ui.compare;

import dev.forkbook.kernel.Kernel;
import dev.forkbook.notebook.NotebookSession;
import dev.forkbook.ui.output.LinkOpener;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The entry point menus call: opens the compare view of two nodes, or the many-branches grid of N
 * nodes, each in a window of its own. Wire it once per notebook, in the composition root.
 */
public final class CompareViews {

    private final Kernel kernel;
    private final NotebookSession session;
    private final Executor background;
    private final Executor fx;
    private final LinkOpener links;

    public CompareViews(Kernel kernel, NotebookSession session, Executor background, Executor fx,
            LinkOpener links) {
        this.kernel = kernel;
        this.session = session;
        this.background = background;
        this.fx = fx;
        this.links = links;
    }

    /** The compare view of node {@code b} against node {@code a}, not yet in a window. */
    public CompareView compareView(String a, String b) {
        CompareModel model = new CompareModel(kernel, session.tree(), background, fx);
        model.compare(a, b);
        return new CompareView(model, links);
    }

    /** The many-branches grid for {@code nodeIds}, not yet in a window. */
    public ManyBranchesView manyBranchesView(List<String> nodeIds) {
        ManyBranchesModel model = new ManyBranchesModel(session);
        model.setBranches(nodeIds);
        return new ManyBranchesView(model, links);
    }

    /** Opens the compare view of {@code b} against {@code a} in a new window ("Compare with…"). */
    public Stage openCompare(Window owner, String a, String b) {
        return show(owner, new Scene(compareView(a, b), 1100, 720), "Compare");
    }

    /** Opens the grid for running one cell on {@code nodeIds} ("Run on selected / all leaves"). */
    public Stage openManyBranches(Window owner, List<String> nodeIds) {
        return show(owner, new Scene(manyBranchesView(nodeIds), 1100, 620), "Run on many branches");
    }

    /** Opens the grid on every leaf of the tree. */
    public Stage openManyBranchesOnLeaves(Window owner) {
        return openManyBranches(owner, ManyBranchesModel.leaves(session.tree()));
    }

    private static Stage show(Window owner, Scene scene, String title) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Forkbook — " + title);
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
