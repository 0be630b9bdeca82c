package dev.forkbook.notebook;

import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.kernel.StateInfo;
import dev.forkbook.kernel.StateSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Runs a {@link NotebookTree} on a {@link Kernel}: runs cells from any node (the result becomes a
 * child), forks, replays a branch onto another, interrupts, and follows states that other clients
 * create. A code cell's id is also the name of its kernel state.
 *
 * <p>Threads: every method is called on, and every tree change happens on, the {@code owner}
 * executor's thread (the UI thread in the app); kernel calls run on {@code background}. Tests pass
 * same-thread executors.
 */
public final class NotebookSession implements AutoCloseable {

    /** The ename of a cell that could not run because nothing above it holds a kernel state. */
    public static final String NOT_LIVE = "ParentNotLive";

    private final Kernel kernel;
    private final NotebookTree tree;
    private final Executor owner;
    private final Executor background;
    private final CommandHistory history = new CommandHistory();
    private Kernel.Subscription subscription;
    private volatile boolean rebuildCancelled;
    private java.util.function.Consumer<RebuildProgress> progress = p -> { };

    public NotebookSession(Kernel kernel, NotebookTree tree, Executor owner, Executor background) {
        this.kernel = kernel;
        this.tree = tree;
        this.owner = owner;
        this.background = background;
    }

    public NotebookTree tree() {
        return tree;
    }

    public CommandHistory history() {
        return history;
    }

    /**
     * Runs {@code source} as a new code cell under {@code parentId}. The node appears at once with
     * status RUNNING; the future completes (on the owner thread) with the finished node.
     */
    public CompletableFuture<CellNode> run(String parentId, String source) {
        String id = newId();
        CellNode node = CellNode.fresh(id, parentId, CellKind.CODE, source, CellStatus.RUNNING,
                "run-" + id);
        tree.add(node);
        return ensureLive(parentId).thenCompose(live -> {
            String from = live ? tree.kernelStateFor(parentId) : null;
            if (from == null) {
                ExecutionError error = new ExecutionError(NOT_LIVE, "The cell above has no kernel "
                        + "state (it failed, or rebuilding it failed); fix and re-run it first.",
                        List.of());
                CellNode failed = tree.get(id).withResult(CellStatus.ERROR, List.of(), error, null, 0);
                tree.update(failed);
                return CompletableFuture.completedFuture(failed);
            }
            return execute(id, from, source);
        });
    }

    /** Runs a node's source from {@code from}, storing the state under the node's id. */
    private CompletableFuture<CellNode> execute(String id, String from, String source) {
        CompletableFuture<CellNode> finished = new CompletableFuture<>();
        String execId = tree.get(id).execId();
        background.execute(() -> {
            long started = System.nanoTime();
            ExecutionResult result = kernel.execute(new ExecuteRequest(source, execId, from, id));
            long durationMs = (System.nanoTime() - started) / 1_000_000;
            owner.execute(() -> finished.complete(applyResult(id, result, durationMs)));
        });
        return finished;
    }

    /**
     * Makes {@code id} live if it can: a node whose state is gone (opened from a file, or the kernel
     * was reset) is rebuilt by replaying its path from the nearest live ancestor. Completes with
     * whether the node can now be run from.
     */
    public CompletableFuture<Boolean> ensureLive(String id) {
        if (tree.kernelStateFor(id) != null) {
            return CompletableFuture.completedFuture(true);
        }
        List<CellNode> stale = staleCellsOnPath(id);
        if (stale.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        return rebuild(stale);
    }

    /** The not-live code cells on the path to {@code id}, after its last live code cell. */
    List<CellNode> staleCellsOnPath(String id) {
        List<CellNode> stale = new ArrayList<>();
        for (CellNode node : tree.pathTo(id)) {
            if (node.kind() != CellKind.CODE) {
                continue;
            }
            if (node.status() == CellStatus.NOT_LIVE) {
                stale.add(node);
            } else if (node.status() == CellStatus.ERROR) {
                return List.of();
            }
        }
        return stale;
    }

    /**
     * Re-runs every code cell on the path to {@code id} that has no kernel state, top first, in place
     * (each keeps its id). Stops at the first error or when {@link #cancelRebuild()} is called.
     * Completes with true when the whole path is live.
     */
    public CompletableFuture<Boolean> rebuild(String id) {
        return rebuild(staleCellsOnPath(id));
    }

    private CompletableFuture<Boolean> rebuild(List<CellNode> stale) {
        rebuildCancelled = false;
        CompletableFuture<Boolean> chain = CompletableFuture.completedFuture(true);
        for (int i = 0; i < stale.size(); i++) {
            CellNode cell = stale.get(i);
            int step = i + 1;
            chain = chain.thenCompose(ok -> {
                if (!ok || rebuildCancelled || !tree.contains(cell.id())) {
                    return CompletableFuture.completedFuture(false);
                }
                progress.accept(new RebuildProgress(step, stale.size(), cell));
                if (rebuildCancelled) {
                    return CompletableFuture.completedFuture(false);
                }
                return rerunInPlace(cell.id()).thenApply(done -> done != null
                        && done.status() == CellStatus.OK);
            });
        }
        return chain.whenComplete((ok, error) -> progress.accept(null));
    }

    /** Stops a rebuild after the cell it is running (which is interrupted). */
    public void cancelRebuild() {
        rebuildCancelled = true;
        for (CellNode node : tree.depthFirst()) {
            if (node.status() == CellStatus.RUNNING) {
                interrupt(node.id());
            }
        }
    }

    /** Reports rebuild steps (null when a rebuild ends); called on the owner thread. */
    public void setRebuildProgress(java.util.function.Consumer<RebuildProgress> listener) {
        this.progress = listener == null ? p -> { } : listener;
    }

    /** One step of a rebuild: cell {@code step} of {@code total}. */
    public record RebuildProgress(int step, int total, CellNode cell) {
    }

    /**
     * Re-runs one cell where it is, from its parent's state, keeping its id; flags the node when its
     * outputs differ from the ones it had.
     */
    public CompletableFuture<CellNode> rerunInPlace(String id) {
        CellNode before = tree.get(id);
        String from = tree.kernelStateFor(before.parentId());
        if (before.kind() != CellKind.CODE || from == null) {
            return CompletableFuture.completedFuture(before);
        }
        tree.update(before.withExecId("run-" + newId()).withStatus(CellStatus.RUNNING));
        return execute(id, from, before.source()).thenApply(after -> {
            if (after == null) {
                return null;
            }
            boolean hadOutputs = before.executionCount() != null || !before.outputs().isEmpty()
                    || before.error() != null;
            boolean changed = hadOutputs && !OutputComparison.same(before.outputs(), before.error(),
                    after.outputs(), after.error());
            CellNode flagged = after.withOutputsChanged(changed);
            tree.update(flagged);
            return flagged;
        });
    }

    private CellNode applyResult(String id, ExecutionResult result, long duration) {
        if (!tree.contains(id)) {
            return null;
        }
        CellNode current = tree.get(id);
        CellNode done = current.withResult(result.succeeded() ? CellStatus.OK : CellStatus.ERROR,
                result.outputs(), result.error(), result.executionCount(), duration);
        tree.update(done);
        return done;
    }

    /** Adds a markdown cell under {@code parentId}; it runs nothing and shares its parent's state. */
    public CellNode addMarkdown(String parentId, String source) {
        CellNode node = CellNode.fresh(newId(), parentId, CellKind.MARKDOWN, source,
                CellStatus.STATIC, null);
        tree.add(node);
        return node;
    }

    /**
     * Re-runs {@code cells} (a branch's cells, top first) one after another under {@code ontoId}: the
     * "run the rest of the path here" action. Stops at the first error; the future completes with
     * the last node it created (or {@code ontoId} when there was nothing to replay).
     */
    public CompletableFuture<String> replay(List<CellNode> cells, String ontoId) {
        CompletableFuture<String> chain = CompletableFuture.completedFuture(ontoId);
        for (CellNode cell : cells) {
            chain = chain.thenCompose(parent -> {
                if (parent == null || !tree.contains(parent)
                        || tree.get(parent).status() == CellStatus.ERROR) {
                    return CompletableFuture.completedFuture(parent);
                }
                if (cell.kind() == CellKind.MARKDOWN) {
                    return CompletableFuture.completedFuture(addMarkdown(parent, cell.source()).id());
                }
                return run(parent, cell.source()).thenApply(node -> node == null ? null : node.id());
            });
        }
        return chain;
    }

    /** Tab completions against a kernel state; blocking, so call it off the owner thread. */
    public List<String> complete(String stateName, String prefix) {
        return stateName == null ? List.of() : kernel.complete(stateName, prefix);
    }

    /** Stops the cell if it is running; returns whether it was. */
    public boolean interrupt(String id) {
        CellNode node = tree.get(id);
        return node.status() == CellStatus.RUNNING && node.execId() != null
                && kernel.interrupt(node.execId());
    }

    /** Deletes a branch from the document, undoably. */
    public void deleteBranch(String id) {
        history.execute(new DeleteBranchCommand(tree, id));
    }

    /** The kernel's description of a cell's state (variables), fetched off the owner thread. */
    public CompletableFuture<Optional<StateInfo>> variables(String id) {
        CompletableFuture<Optional<StateInfo>> result = new CompletableFuture<>();
        background.execute(() -> {
            Optional<StateInfo> info = kernel.getState(id);
            owner.execute(() -> result.complete(info));
        });
        return result;
    }

    /**
     * Mirrors states that other clients of the same kernel create (over REST): each appears as a
     * code cell under its parent, with its code and, when the execution finishes, its outputs.
     */
    public void followKernel() {
        subscription = kernel.subscribe(event -> owner.execute(() -> onKernelEvent(event)));
    }

    private void onKernelEvent(KernelEvent event) {
        if (event instanceof KernelEvent.StateCreated created) {
            adoptExternalState(created.state());
        } else if (event instanceof KernelEvent.ExecutionFinished finished
                && finished.stateName() != null && tree.contains(finished.stateName())) {
            CellNode node = tree.get(finished.stateName());
            if (node.status() != CellStatus.RUNNING) {
                ExecutionResult result = finished.result();
                tree.update(node.withResult(CellStatus.OK, result.outputs(), null,
                        result.executionCount(), node.durationMs()));
            }
        } else if (event instanceof KernelEvent.DisplayUpdated update) {
            replaceDisplay(update);
        } else if (event instanceof KernelEvent.StateDeleted deleted) {
            markNotLive(deleted.name());
        } else if (event instanceof KernelEvent.KernelReset) {
            for (CellNode node : tree.depthFirst()) {
                if (!node.isRoot()) {
                    markNotLive(node.id());
                }
            }
        }
    }

    /** {@code update_display} from a later cell: every output shown with that id is replaced. */
    private void replaceDisplay(KernelEvent.DisplayUpdated update) {
        for (CellNode node : tree.depthFirst()) {
            boolean found = false;
            List<dev.forkbook.kernel.Output> outputs = new ArrayList<>();
            for (dev.forkbook.kernel.Output output : node.outputs()) {
                if (output instanceof dev.forkbook.kernel.Output.DisplayData shown
                        && update.displayId().equals(shown.displayId())) {
                    outputs.add(update.output());
                    found = true;
                } else {
                    outputs.add(output);
                }
            }
            if (found) {
                tree.update(node.withResult(node.status(), outputs, node.error(),
                        node.executionCount(), node.durationMs()));
            }
        }
    }

    private void adoptExternalState(StateSummary state) {
        if (tree.contains(state.name())) {
            return;
        }
        String parent = state.parent() != null && tree.contains(state.parent())
                ? state.parent() : NotebookTree.ROOT_ID;
        tree.add(new CellNode(state.name(), parent, CellKind.CODE, state.code(), CellStatus.OK,
                List.of(), null, state.executionCount(), state.execId(), state.created(),
                state.durationMs(), false));
    }

    private void markNotLive(String id) {
        if (tree.contains(id)) {
            CellNode node = tree.get(id);
            if (node.kind() == CellKind.CODE && node.status() == CellStatus.OK) {
                tree.update(node.withStatus(CellStatus.NOT_LIVE));
            }
        }
    }

    private static String newId() {
        return "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
    }
}
