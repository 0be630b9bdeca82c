package dev.forkbook.notebook;

import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.kernel.KernelStatus;
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
    /** Cells that are running or waiting for a cell above them, so later cells can queue behind. */
    private final java.util.Map<String, CompletableFuture<CellNode>> inFlight =
            new java.util.HashMap<>();
    private int highestCount;
    private Kernel.Subscription subscription;
    /** Executions this session started and that still run: exec id to node id (owner thread). */
    private final java.util.Map<String, String> runningByExecId = new java.util.HashMap<>();
    /** Running executions that called {@code clear_output(wait=True)}. */
    private final java.util.Set<String> clearOnNextOutput = new java.util.HashSet<>();
    /** Failed cells whose partial namespace the kernel kept (runs with errors allowed). */
    private final java.util.Set<String> failedStates = new java.util.HashSet<>();
    /** Cells whose kernel state was evicted to stay within the memory budget (owner thread). */
    private final java.util.Set<String> evicted = new java.util.HashSet<>();
    private final List<java.util.function.Consumer<String>> evictionListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean rebuildCancelled;
    private java.util.function.Consumer<RebuildProgress> progress = p -> { };
    private java.util.function.Consumer<KernelStatus> kernelStatus = s -> { };
    /** A pending copy's id to the cell whose run it repeats (whose provenance tells what it read). */
    private final java.util.Map<String, String> origins = new java.util.HashMap<>();
    /** Affected-or-not markings of pending cells, from their previous runs' reads and writes. */
    private final java.util.Map<String, Staleness.Mark> marks = new java.util.HashMap<>();
    private final List<java.util.function.Consumer<java.util.Set<String>>> markListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public NotebookSession(Kernel kernel, NotebookTree tree, Executor owner, Executor background) {
        this.kernel = kernel;
        this.tree = tree;
        this.owner = owner;
        this.background = background;
        tree.depthFirst().forEach(this::noteCount);
        tree.addListener(new TreeListener() {
            @Override
            public void added(CellNode node) {
                noteCount(node);
            }

            @Override
            public void updated(CellNode before, CellNode after) {
                noteCount(after);
            }

            @Override
            public void removed(CellNode node) {
                marks.remove(node.id());
            }
        });
    }

    private void noteCount(CellNode node) {
        if (node.executionCount() != null) {
            highestCount = Math.max(highestCount, node.executionCount());
        }
    }

    /** The count the next execution shows: one more than any count in the notebook, saved or not. */
    int nextExecutionCount() {
        return ++highestCount;
    }

    public NotebookTree tree() {
        return tree;
    }

    public CommandHistory history() {
        return history;
    }

    /**
     * Runs {@code source} as a new code cell under {@code parentId}. The node appears at once with
     * status RUNNING; it runs from the nearest state above it (a failed or pending parent holds none),
     * after the cell above has finished if that one is still running. The future completes (on the
     * owner thread) with the finished node.
     */
    public CompletableFuture<CellNode> run(String parentId, String source) {
        String id = newId();
        CellNode node = CellNode.fresh(id, parentId, CellKind.CODE, source, CellStatus.RUNNING,
                "run-" + id);
        tree.add(node);
        return track(id, stateFor(parentId).thenCompose(from -> executeOrFail(id, from, source)));
    }

    private CompletableFuture<CellNode> executeOrFail(String id, String from, String source) {
        if (!tree.contains(id)) {
            return CompletableFuture.completedFuture(null);
        }
        if (from == null) {
            ExecutionError error = new ExecutionError(NOT_LIVE, "The cell above has no kernel "
                    + "state (it failed, or rebuilding it failed); fix and re-run it first.",
                    List.of());
            CellNode failed = tree.get(id).withResult(CellStatus.ERROR, List.of(), error, null, 0);
            tree.update(failed);
            return CompletableFuture.completedFuture(failed);
        }
        return execute(id, from, source);
    }

    private CompletableFuture<CellNode> track(String id, CompletableFuture<CellNode> future) {
        if (!future.isDone()) {
            inFlight.put(id, future);
            future.whenComplete((node, error) -> inFlight.remove(id, future));
        }
        return future;
    }

    /**
     * The kernel state a child of {@code id} runs from, once it exists: the nearest state above,
     * skipping markdown, failed and pending cells; a running cell is waited for, a cell whose state is
     * gone is rebuilt. Completes with null when there is none (the cell waited for failed, or the
     * rebuild did).
     */
    CompletableFuture<String> stateFor(String id) {
        CellNode holder = tree.stateHolderFor(id);
        if (holder.isLive()) {
            return CompletableFuture.completedFuture(holder.id());
        }
        if (holder.status() == CellStatus.RUNNING) {
            CompletableFuture<CellNode> running = inFlight.get(holder.id());
            if (running == null) {
                return CompletableFuture.completedFuture(null);
            }
            // As in Jupyter, a queued cell does not run when the cell it waits for fails.
            return running.thenCompose(done -> done != null && done.status() == CellStatus.OK
                    ? stateFor(id) : CompletableFuture.completedFuture(null));
        }
        return ensureLive(holder.id()).thenApply(live -> live ? tree.kernelStateFor(id) : null);
    }

    /** Runs a node's source from {@code from}, storing the state under the node's id. */
    private CompletableFuture<CellNode> execute(String id, String from, String source) {
        return execute(id, from, source, false);
    }

    /**
     * Runs {@code source} from state {@code from} as cell {@code id}; with {@code keepFailedState} a
     * failure keeps what the cell bound as the kernel's failed state {@code id} (remembered in
     * {@link #failedStates}).
     */
    private CompletableFuture<CellNode> execute(String id, String from, String source,
            boolean keepFailedState) {
        CompletableFuture<CellNode> finished = new CompletableFuture<>();
        String execId = tree.get(id).execId();
        int count = nextExecutionCount();
        runningByExecId.put(execId, id);
        background.execute(() -> {
            long started = System.nanoTime();
            ExecuteRequest request = new ExecuteRequest(source, execId, from, id, count);
            ExecutionResult result = kernel.execute(keepFailedState
                    ? request.keepingFailedState() : request);
            long durationMs = (System.nanoTime() - started) / 1_000_000;
            owner.execute(() -> {
                runningByExecId.remove(execId, id);
                clearOnNextOutput.remove(execId);
                if (result.keptFailedState()) {
                    failedStates.add(id);
                } else {
                    failedStates.remove(id);
                }
                finished.complete(applyResult(id, result, durationMs));
            });
        });
        return finished;
    }

    /** What running a cell of the notebook did: the node that holds the run and the path's new end. */
    public record CellRun(String cellId, String tipId, CompletableFuture<CellNode> done) {
    }

    /**
     * Runs a cell of the path ending at {@code tipId} with the source the user sees, the way Jupyter
     * users expect on a tree:
     * <ul>
     * <li>a pending cell runs where it is, onto the new branch;</li>
     * <li>a failed or interrupted cell with nothing run below it is replaced by its re-run;</li>
     * <li>unchanged code with nothing run below it replaces its result (undoable);</li>
     * <li>edited code, or a cell with cells run below it, forks a sibling, and the path's cells below
     * it stay below the new cell as pending cells;</li>
     * <li>markdown changes in place (undoable).</li>
     * </ul>
     */
    public CellRun runCell(String id, String source, String tipId) {
        CellNode node = tree.get(id);
        if (node.kind() == CellKind.MARKDOWN) {
            editMarkdown(id, source);
            return new CellRun(id, tipId, CompletableFuture.completedFuture(tree.get(id)));
        }
        if (node.status() == CellStatus.RUNNING) {
            return new CellRun(id, tipId, inFlight.getOrDefault(id,
                    CompletableFuture.completedFuture(node)));
        }
        if (node.status() == CellStatus.PENDING) {
            return new CellRun(id, tipId, runInPlace(id, source, false));
        }
        boolean edited = !node.source().equals(source);
        if (!hasRunBelow(id) && (node.status() == CellStatus.ERROR || !edited)) {
            return new CellRun(id, tipId, runInPlace(id, source, true));
        }
        String forkId = newId();
        tree.add(CellNode.fresh(forkId, node.parentId(), CellKind.CODE, source, CellStatus.RUNNING,
                "run-" + forkId));
        String newTip = carryBelow(id, tipId, forkId);
        CompletableFuture<CellNode> done = track(forkId, stateFor(node.parentId())
                .thenCompose(from -> executeOrFail(forkId, from, source))
                .thenCompose(this::markBelowIfRan));
        return new CellRun(forkId, newTip, done);
    }

    /** A cell that starts running again: as in Jupyter its old outputs go; live output starts empty. */
    private CellNode startedRun(CellNode node) {
        return node.withExecId("run-" + newId()).withResult(CellStatus.RUNNING, List.of(), null,
                node.executionCount(), node.durationMs());
    }

    /** Runs a cell again where it is, from the nearest state above, with {@code source}. */
    private CompletableFuture<CellNode> runInPlace(String id, String source, boolean undoable) {
        CellNode before = tree.get(id);
        // A pending cell repeating an earlier run keeps the markings below it (they were measured
        // against the edit); any other run changes what the pending cells below run after.
        boolean replaysEarlierRun = before.status() == CellStatus.PENDING && origins.containsKey(id);
        if (marks.remove(id) != null) {
            notifyMarks(java.util.Set.of(id));
        }
        tree.update(startedRun(before.withSource(source)));
        boolean hadResult = before.executionCount() != null || before.error() != null;
        return track(id, stateFor(before.parentId())
                .thenCompose(from -> executeOrFail(id, from, source))
                .thenCompose(after -> replaysEarlierRun ? CompletableFuture.completedFuture(after)
                        : markBelowIfRan(after))
                .thenApply(after -> {
                    if (after != null && undoable && hadResult) {
                        history.record(new ReplaceResultCommand(tree, before, after));
                    }
                    return after;
                }));
    }

    /** Whether any code cell below {@code id} has run (pending and markdown cells have not). */
    boolean hasRunBelow(String id) {
        for (CellNode child : tree.children(id)) {
            if (child.kind() == CellKind.CODE && child.status() != CellStatus.PENDING
                    || hasRunBelow(child.id())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Keeps the cells of the path to {@code tipId} that are below {@code id} as pending cells under
     * {@code newParent}; pending cells of the old place that are now copied and have nothing below
     * them are dropped (they were placeholders). Returns the new end of the path.
     */
    private String carryBelow(String id, String tipId, String newParent) {
        List<CellNode> path = tipId == null || !tree.contains(tipId) ? List.of()
                : tree.pathTo(tipId);
        int index = NotebookTree.ROOT_ID.equals(id) ? -1 : path.indexOf(tree.get(id));
        List<CellNode> below = index < 0 && !NotebookTree.ROOT_ID.equals(id) ? List.of()
                : List.copyOf(path.subList(index + 1, path.size()));
        String parent = newParent;
        for (CellNode cell : below) {
            CellNode copy = cell.pendingCopy(newId(), parent);
            String origin = cell.status() == CellStatus.PENDING ? origins.get(cell.id()) : cell.id();
            if (origin != null && cell.kind() == CellKind.CODE) {
                origins.put(copy.id(), origin);
            }
            tree.add(copy);
            parent = copy.id();
        }
        for (int i = below.size() - 1; i >= 0; i--) {
            dropIfPlaceholder(below.get(i).id());
        }
        return parent;
    }

    private void dropIfPlaceholder(String id) {
        if (tree.contains(id) && tree.get(id).status() == CellStatus.PENDING
                && tree.children(id).isEmpty()) {
            tree.removeSubtree(id);
        }
    }

    /** Changes a markdown cell's text in place, undoably; a pending one joins the branch. */
    public void editMarkdown(String id, String source) {
        CellNode before = tree.get(id);
        CellNode after = before.withSource(source).withStatus(CellStatus.STATIC);
        if (!after.equals(before)) {
            history.execute(new EditCellCommand(tree, before, after));
        }
    }

    /**
     * Runs every pending cell on the path to {@code tipId}, top first, onto the branch; stops at the
     * first that fails. Completes with the last cell it ran (null when there was none).
     */
    public CompletableFuture<CellNode> runAllPending(String tipId) {
        CompletableFuture<CellNode> chain = CompletableFuture.completedFuture(null);
        for (CellNode cell : tree.pathTo(tipId)) {
            if (cell.status() != CellStatus.PENDING) {
                continue;
            }
            String id = cell.id();
            chain = chain.thenCompose(previous -> {
                if (previous != null && previous.status() == CellStatus.ERROR
                        || !tree.contains(id) || tree.get(id).status() != CellStatus.PENDING) {
                    return CompletableFuture.completedFuture(previous);
                }
                CellNode now = tree.get(id);
                return runCell(id, now.source(), tipId).done();
            });
        }
        return chain;
    }

    /** The pending cells on the path to {@code tipId}. */
    public List<CellNode> pendingOnPath(String tipId) {
        return tree.pathTo(tipId).stream().filter(c -> c.status() == CellStatus.PENDING).toList();
    }

    /**
     * Runs only the pending cells on the path to {@code tipId} that the edit affected (and the
     * unaffected ones they need, see {@link Staleness}), top first, onto the branch; the others stay
     * pending. A pending cell without a marking runs (nothing tells it is unaffected). Stops at the
     * first failure. Completes with the last cell it ran (null when there was none).
     */
    public CompletableFuture<CellNode> runAffected(String tipId) {
        CompletableFuture<CellNode> chain = CompletableFuture.completedFuture(null);
        for (CellNode cell : tree.pathTo(tipId)) {
            if (cell.status() != CellStatus.PENDING || cell.kind() != CellKind.CODE) {
                continue;
            }
            String id = cell.id();
            chain = chain.thenCompose(previous -> {
                if (previous != null && previous.status() == CellStatus.ERROR
                        || !tree.contains(id) || tree.get(id).status() != CellStatus.PENDING
                        || !runsWithAffected(id)) {
                    return CompletableFuture.completedFuture(previous);
                }
                return runCell(id, tree.get(id).source(), tipId).done();
            });
        }
        return chain;
    }

    private boolean runsWithAffected(String id) {
        Staleness.Mark mark = marks.get(id);
        return mark == null || mark.runsWithAffected();
    }

    /** The pending cells on the path to {@code tipId} that Run affected would run. */
    public List<CellNode> affectedOnPath(String tipId) {
        return pendingOnPath(tipId).stream()
                .filter(c -> c.kind() == CellKind.CODE && runsWithAffected(c.id())).toList();
    }

    /**
     * Whether the edit above a pending cell affects it, and why; empty while that is being measured,
     * and for cells that are not pending or whose marking is not known (a reopened notebook).
     */
    public Optional<Staleness.Mark> mark(String id) {
        return Optional.ofNullable(marks.get(id));
    }

    /** Hears (on the owner thread) the ids of pending cells whose marking changed. */
    public void addMarkListener(java.util.function.Consumer<java.util.Set<String>> listener) {
        markListeners.add(listener);
    }

    private void notifyMarks(java.util.Set<String> ids) {
        markListeners.forEach(listener -> listener.accept(ids));
    }

    private CompletableFuture<CellNode> markBelowIfRan(CellNode node) {
        if (node == null || node.status() != CellStatus.OK) {
            return CompletableFuture.completedFuture(node);
        }
        return markBelow(node.id()).thenApply(v -> node);
    }

    /**
     * Marks every chain of pending code cells hanging below {@code baseId} (through pending and
     * markdown cells): what changed is told by the writers of the state the chain's first cell ran
     * after before the edit and of the state it would run after now. Completes on the owner thread
     * once the marks are stored.
     */
    CompletableFuture<Void> markBelow(String baseId) {
        List<List<CellNode>> chains = new ArrayList<>();
        pendingChains(baseId, new ArrayList<>(), chains);
        String after = tree.kernelStateFor(baseId);
        List<CompletableFuture<Void>> stored = new ArrayList<>();
        for (List<CellNode> chain : chains) {
            List<String> ids = chain.stream().map(CellNode::id).toList();
            List<String> previous = ids.stream().map(origins::get).toList();
            String firstOrigin = previous.get(0);
            String before = firstOrigin == null || !tree.contains(firstOrigin) ? null
                    : tree.kernelStateFor(tree.get(firstOrigin).parentId());
            CompletableFuture<Void> done = new CompletableFuture<>();
            stored.add(done);
            background.execute(() -> {
                List<Staleness.Mark> computed;
                try {
                    Optional<java.util.Set<String>> changed = before == null || after == null
                            ? Optional.empty()
                            : kernel.provenance(before).flatMap(b -> kernel.provenance(after)
                                    .map(a -> Staleness.changedNames(b, a)));
                    List<Optional<dev.forkbook.kernel.Provenance>> runs = previous.stream()
                            .map(origin -> origin == null
                                    ? Optional.<dev.forkbook.kernel.Provenance>empty()
                                    : kernel.provenance(origin))
                            .toList();
                    computed = Staleness.mark(changed, runs);
                } catch (RuntimeException unreachable) {
                    computed = null; // a kernel that cannot answer leaves the cells unmarked
                }
                List<Staleness.Mark> result = computed;
                owner.execute(() -> {
                    if (result != null) {
                        java.util.Set<String> changedIds = new java.util.HashSet<>();
                        for (int i = 0; i < ids.size(); i++) {
                            String id = ids.get(i);
                            if (tree.contains(id) && tree.get(id).status() == CellStatus.PENDING) {
                                marks.put(id, result.get(i));
                                changedIds.add(id);
                            }
                        }
                        notifyMarks(changedIds);
                    }
                    done.complete(null);
                });
            });
        }
        return CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new));
    }

    /** Collects each path of pending code cells below {@code id}, through pending and markdown. */
    private void pendingChains(String id, List<CellNode> prefix, List<List<CellNode>> chains) {
        boolean extended = false;
        for (CellNode child : tree.children(id)) {
            if (child.status() == CellStatus.PENDING || child.kind() == CellKind.MARKDOWN) {
                List<CellNode> longer = new ArrayList<>(prefix);
                if (child.kind() == CellKind.CODE) {
                    longer.add(child);
                }
                pendingChains(child.id(), longer, chains);
                extended = true;
            }
        }
        if (!extended && !prefix.isEmpty()) {
            chains.add(prefix);
        }
    }

    /**
     * Inserts an empty code cell into the path to {@code tipId} above ({@code below} false) or below
     * the path cell {@code id}: an edit, so the cells after it become pending on the new branch and
     * the old branch stays. Returns the new cell and the path's new end.
     */
    public CellRun insertCell(String id, boolean below, String tipId, CellKind kind) {
        CellNode anchor = tree.get(id);
        String parent = below ? id : anchor.parentId();
        String newCell = newId();
        tree.add(CellNode.fresh(newCell, parent, kind, "", kind == CellKind.MARKDOWN
                ? CellStatus.STATIC : CellStatus.PENDING, null));
        String tip = carryBelow(below ? id : anchor.parentId(), tipId, newCell);
        // A new code cell is marked below once it has run; markdown changes no state.
        CompletableFuture<CellNode> marked = kind == CellKind.MARKDOWN
                ? markBelow(newCell).thenApply(v -> tree.get(newCell))
                : CompletableFuture.completedFuture(tree.get(newCell));
        return new CellRun(newCell, tip, marked);
    }

    /**
     * Deletes a cell from the path to {@code tipId} (DD): the cells below it become pending on its
     * parent and the old branch stays in the tree (a pending or markdown cell, which holds no run, is
     * removed). Returns the path's new end.
     */
    public String deleteFromPath(String id, String tipId) {
        CellNode node = tree.get(id);
        String tip = carryBelow(id, tipId, node.parentId());
        if ((node.status() == CellStatus.PENDING || node.kind() == CellKind.MARKDOWN)
                && tree.children(id).isEmpty()) {
            tree.removeSubtree(id);
        }
        markBelow(node.parentId());
        return tip;
    }

    /**
     * Turns a path cell into the other kind (M / Y). A pending cell changes in place; a cell that ran
     * stays on its branch and the path gets a new cell of the other kind instead, with the cells below
     * pending. Returns the new cell and the path's new end.
     */
    public CellRun changeKind(String id, CellKind kind, String tipId) {
        CellNode node = tree.get(id);
        if (node.kind() == kind) {
            return new CellRun(id, tipId, CompletableFuture.completedFuture(node));
        }
        if (node.status() == CellStatus.PENDING || node.kind() == CellKind.MARKDOWN
                && !hasRunBelow(id)) {
            CellStatus status = kind == CellKind.MARKDOWN ? CellStatus.STATIC : CellStatus.PENDING;
            tree.update(node.withKind(kind).withStatus(status));
            return new CellRun(id, tipId, CompletableFuture.completedFuture(tree.get(id)));
        }
        String newCell = newId();
        CellStatus status = kind == CellKind.MARKDOWN ? CellStatus.STATIC : CellStatus.PENDING;
        tree.add(CellNode.fresh(newCell, node.parentId(), kind, node.source(), status, null));
        String tip = carryBelow(id, tipId, newCell);
        CompletableFuture<CellNode> marked = kind == CellKind.MARKDOWN
                ? markBelow(newCell).thenApply(v -> tree.get(newCell))
                : CompletableFuture.completedFuture(tree.get(newCell));
        return new CellRun(newCell, tip, marked);
    }

    /**
     * Where a new cell under {@code id} would run from, for the input cell's caption: the cell whose
     * state it gets (the root when none) and the cells in between that it skips because they hold no
     * state (failed or pending; markdown is not listed).
     */
    public RunsAfter runsAfter(String id) {
        List<CellNode> skipped = new ArrayList<>();
        CellNode node = tree.get(id);
        while (!node.isRoot() && NotebookTree.holdsNoState(node)) {
            if (node.kind() == CellKind.CODE) {
                skipped.add(0, node);
            }
            node = tree.get(node.parentId());
        }
        return new RunsAfter(node, skipped);
    }

    /** Where a new cell runs from: {@code from} (the root for a fresh state), skipping {@code skipped}. */
    public record RunsAfter(CellNode from, List<CellNode> skipped) {
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

    /**
     * The not-live code cells on the path to {@code id}, after its last live code cell (failed and
     * pending cells are skipped).
     */
    List<CellNode> staleCellsOnPath(String id) {
        List<CellNode> stale = new ArrayList<>();
        for (CellNode node : tree.pathTo(id)) {
            if (node.kind() != CellKind.CODE) {
                continue;
            }
            if (node.status() == CellStatus.NOT_LIVE) {
                stale.add(node);
            } else if (node.status() == CellStatus.OK) {
                stale.clear();
            } else if (node.status() == CellStatus.RUNNING) {
                return List.of();
            }
            // Failed and pending cells hold no state: replay skips them, as running does.
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
        return rerunInPlace(id, false);
    }

    /**
     * {@link #rerunInPlace(String)}; with {@code pastFailures}, as the cells of a notebook run with
     * errors allowed ({@code nbconvert --allow-errors}): a failing cell keeps the names it bound
     * before the exception as a failed kernel state, and a cell under it runs from that state (so
     * from the nearest ancestor that has a state, failed or not), as in one Jupyter kernel.
     */
    public CompletableFuture<CellNode> rerunInPlace(String id, boolean pastFailures) {
        CellNode before = tree.get(id);
        String from = pastFailures ? stateOrFailedState(before.parentId())
                : tree.kernelStateFor(before.parentId());
        if (before.kind() != CellKind.CODE || from == null) {
            return CompletableFuture.completedFuture(before);
        }
        tree.update(startedRun(before));
        return execute(id, from, before.source(), pastFailures).thenApply(after -> {
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

    /** The nearest ancestor-or-self of {@code id} that is live or failed with a kept state. */
    private String stateOrFailedState(String id) {
        for (CellNode node = tree.get(id); ; node = tree.get(node.parentId())) {
            if (node.isLive() || (node.status() == CellStatus.ERROR
                    && failedStates.contains(node.id()))) {
                return node.id();
            }
        }
    }

    private CellNode applyResult(String id, ExecutionResult result, long duration) {
        if (!tree.contains(id)) {
            return null;
        }
        CellNode current = tree.get(id);
        if (!result.succeeded() && ExecutionError.CONNECTION_LOST.equals(result.error().ename())
                && (current.executionCount() != null || !current.outputs().isEmpty()
                        || current.error() != null)) {
            // The kernel could not be reached: a cell that has results keeps them, not live.
            CellNode kept = current.withStatus(CellStatus.NOT_LIVE);
            tree.notLiveBecause(id, "the kernel could not be reached");
            tree.update(kept);
            return kept;
        }
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

    /**
     * Restarts the kernel as Jupyter users expect: interrupts every execution, waits up to
     * {@code wait} for them to stop, resets the kernel (every cell becomes not live and is rebuilt
     * when something runs below it). Completes (on the owner thread) with the cells whose executions
     * had not stopped when the kernel was reset.
     */
    public CompletableFuture<List<CellNode>> restart(java.time.Duration wait) {
        CompletableFuture<Void> allStopped = CompletableFuture.allOf(
                inFlight.values().toArray(CompletableFuture[]::new));
        List<String> execIds = new ArrayList<>();
        for (CellNode node : tree.depthFirst()) {
            if (node.status() == CellStatus.RUNNING && node.execId() != null) {
                execIds.add(node.execId());
            }
        }
        CompletableFuture<List<CellNode>> restarted = new CompletableFuture<>();
        background.execute(() -> {
            long deadline = System.nanoTime() + wait.toNanos();
            // Interrupt again until they stop: an execution that was only queued when the first
            // interrupt came would otherwise start afterwards and run on.
            do {
                execIds.forEach(kernel::interrupt);
                try {
                    allStopped.get(20, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException notYet) {
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (java.util.concurrent.ExecutionException failed) {
                    break;
                }
            } while (!allStopped.isDone() && System.nanoTime() < deadline);
            kernel.reset();
            owner.execute(() -> {
                List<CellNode> stuck = new ArrayList<>();
                for (CellNode node : tree.depthFirst()) {
                    if (node.status() == CellStatus.RUNNING) {
                        stuck.add(node);
                    } else if (!node.isRoot()) {
                        markNotLive(node.id(), "the kernel was restarted");
                    }
                }
                restarted.complete(stuck);
            });
        });
        return restarted;
    }

    /** Tells the kernel to keep the states on the path to {@code id} in memory (never evicted). */
    public void pinPath(String id) {
        if (id == null || !tree.contains(id)) {
            return;
        }
        java.util.Set<String> path = new java.util.LinkedHashSet<>();
        for (CellNode node : tree.pathTo(id)) {
            path.add(node.id());
        }
        background.execute(() -> kernel.pin(path));
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
     * What the execution behind a cell's state read and wrote and who wrote each of its variables,
     * fetched off the owner thread; empty for a cell without a live state or a kernel that does not
     * track it.
     */
    public CompletableFuture<Optional<dev.forkbook.kernel.Provenance>> provenance(String id) {
        CompletableFuture<Optional<dev.forkbook.kernel.Provenance>> result = new CompletableFuture<>();
        background.execute(() -> {
            Optional<dev.forkbook.kernel.Provenance> provenance;
            try {
                provenance = kernel.provenance(id);
            } catch (RuntimeException unreachable) {
                provenance = Optional.empty();
            }
            Optional<dev.forkbook.kernel.Provenance> answer = provenance;
            owner.execute(() -> result.complete(answer));
        });
        return result;
    }

    /** Whether the kernel can run code yet (cells run before it is ready wait for it). */
    public KernelStatus kernelStatus() {
        return kernel.status();
    }

    /** Receives the kernel's status changes on the owner thread (needs {@link #followKernel()}). */
    public void setKernelStatusListener(java.util.function.Consumer<KernelStatus> listener) {
        this.kernelStatus = listener;
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
                && finished.stateName() != null && finished.result().succeeded()
                && tree.contains(finished.stateName())) {
            CellNode node = tree.get(finished.stateName());
            if (node.status() != CellStatus.RUNNING) {
                ExecutionResult result = finished.result();
                tree.update(node.withResult(CellStatus.OK, result.outputs(), null,
                        result.executionCount(), node.durationMs()));
            }
        } else if (event instanceof KernelEvent.OutputProduced produced) {
            showLive(produced.execId(), produced.output());
        } else if (event instanceof KernelEvent.OutputCleared cleared) {
            if (cleared.waitForNext()) {
                clearOnNextOutput.add(cleared.execId());
            } else {
                showLive(cleared.execId(), null);
            }
        } else if (event instanceof KernelEvent.DisplayUpdated update) {
            replaceDisplay(update);
        } else if (event instanceof KernelEvent.StatusChanged changed) {
            kernelStatus.accept(changed.status());
        } else if (event instanceof KernelEvent.StateEvicted gone) {
            setEvicted(gone.name(), true);
        } else if (event instanceof KernelEvent.StateRebuilt rebuilt) {
            setEvicted(rebuilt.name(), false);
        } else if (event instanceof KernelEvent.StateDeleted deleted) {
            setEvicted(deleted.name(), false);
            markNotLive(deleted.name(), "its kernel state was deleted");
        } else if (event instanceof KernelEvent.KernelReset
                || event instanceof KernelEvent.ConnectionLost) {
            for (String id : List.copyOf(evicted)) {
                setEvicted(id, false);
            }
            String reason = event instanceof KernelEvent.KernelReset ? "the kernel was restarted"
                    : "the connection to the kernel was lost";
            for (CellNode node : tree.depthFirst()) {
                if (!node.isRoot()) {
                    markNotLive(node.id(), reason);
                }
            }
        } else if (event instanceof KernelEvent.ConnectionRestored) {
            reviveStates();
        }
    }

    /**
     * Whether the kernel dropped this cell's state to stay within its memory budget: the cell is
     * shown as not live, and running below it rebuilds the state by replay (in the kernel).
     */
    public boolean isEvicted(String id) {
        return evicted.contains(id);
    }

    /**
     * Hears, on the owner thread, the id of a cell whose state was evicted or became live again
     * (needs {@link #followKernel()}).
     */
    public void addEvictionListener(java.util.function.Consumer<String> listener) {
        evictionListeners.add(listener);
    }

    private void setEvicted(String id, boolean gone) {
        if (gone && !tree.contains(id)) {
            return;
        }
        if (gone ? evicted.add(id) : evicted.remove(id)) {
            evictionListeners.forEach(listener -> listener.accept(id));
        }
    }

    /**
     * Asks the kernel which states it holds and makes every not-live code cell whose state is among
     * them live again: after a remote kernel comes back, or when a notebook is connected to a server
     * that still holds its states. Cells whose states are gone stay not live (rebuild replays them).
     */
    public void reviveStates() {
        background.execute(() -> {
            java.util.Set<String> held;
            try {
                held = new java.util.HashSet<>(kernel.listStates());
            } catch (RuntimeException unreachable) {
                return;
            }
            owner.execute(() -> {
                for (CellNode node : tree.depthFirst()) {
                    if (node.kind() == CellKind.CODE && node.status() == CellStatus.NOT_LIVE
                            && held.contains(node.id())) {
                        tree.update(node.withStatus(CellStatus.OK));
                    }
                }
            });
        });
    }

    /**
     * Output of a cell still running shows under it at once (null: {@code clear_output}); the
     * finished result replaces it all (it is the capped, complete version).
     */
    private void showLive(String execId, dev.forkbook.kernel.Output output) {
        String id = runningByExecId.get(execId);
        if (id == null || !tree.contains(id) || tree.get(id).status() != CellStatus.RUNNING) {
            return;
        }
        CellNode node = tree.get(id);
        boolean clear = output == null || clearOnNextOutput.remove(execId);
        List<dev.forkbook.kernel.Output> outputs = output == null ? List.of()
                : NbformatOutputs.appendMerged(clear ? List.of() : node.outputs(), output);
        tree.update(node.withResult(node.status(), outputs, node.error(), node.executionCount(),
                node.durationMs()));
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
        if (state.failed() || tree.contains(state.name())) {
            return;
        }
        String parent = state.parent() != null && tree.contains(state.parent())
                ? state.parent() : NotebookTree.ROOT_ID;
        tree.add(new CellNode(state.name(), parent, CellKind.CODE, state.code(), CellStatus.OK,
                List.of(), null, state.executionCount(), state.execId(), state.created(),
                state.durationMs(), false));
    }

    private void markNotLive(String id, String reason) {
        if (tree.contains(id)) {
            CellNode node = tree.get(id);
            if (node.kind() == CellKind.CODE && node.status() == CellStatus.OK) {
                tree.notLiveBecause(id, reason);
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
