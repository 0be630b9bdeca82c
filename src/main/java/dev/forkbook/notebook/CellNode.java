package dev.forkbook.notebook;

import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.kernel.Output;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One node of the fork tree: a cell, where it hangs, and what running it gave. Immutable; the tree
 * replaces nodes as they change.
 *
 * @param id unique in the notebook; for a code cell that ran, also the name of its kernel state
 * @param parentId null only for the root
 * @param execId the id of the cell's latest execution, used to interrupt it
 * @param executionCount the kernel's counter for that execution, null before it ran
 * @param outputsChanged true when rebuilding the cell's state gave other outputs than the saved ones
 */
public record CellNode(String id, String parentId, CellKind kind, String source, CellStatus status,
        List<Output> outputs, ExecutionError error, Integer executionCount, String execId,
        Instant created, long durationMs, boolean outputsChanged) {

    public CellNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        outputs = List.copyOf(outputs);
    }

    public boolean isRoot() {
        return parentId == null;
    }

    /** True when the kernel holds a state for this cell that children can run from. */
    public boolean isLive() {
        return kind == CellKind.CODE && (status == CellStatus.OK || isRoot());
    }

    /** The first line of the source, for the tree. */
    public String title() {
        String trimmed = source.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }

    /** A new cell that has not run. */
    public static CellNode fresh(String id, String parentId, CellKind kind, String source,
            CellStatus status, String execId) {
        return new CellNode(id, parentId, kind, source, status, List.of(), null, null, execId,
                Instant.now(), 0, false);
    }

    public CellNode withStatus(CellStatus newStatus) {
        return new CellNode(id, parentId, kind, source, newStatus, outputs, error, executionCount,
                execId, created, durationMs, outputsChanged);
    }

    public CellNode withExecId(String newExecId) {
        return new CellNode(id, parentId, kind, source, status, outputs, error, executionCount,
                newExecId, created, durationMs, outputsChanged);
    }

    /** The same node with other source (a markdown edit, or a fixed cell re-run in place). */
    public CellNode withSource(String newSource) {
        return new CellNode(id, parentId, kind, newSource, status, outputs, error, executionCount,
                execId, created, durationMs, outputsChanged);
    }

    /** The same node as the other kind of cell (M / Y on a cell that has not run). */
    public CellNode withKind(CellKind newKind) {
        return new CellNode(id, parentId, newKind, source, status, outputs, error, executionCount,
                execId, created, durationMs, outputsChanged);
    }

    /**
     * A pending copy of this cell under {@code newParent}: same source and (dimmed) outputs, no count,
     * since it has not run there.
     */
    public CellNode pendingCopy(String newId, String newParent) {
        return new CellNode(newId, newParent, kind, source, CellStatus.PENDING, outputs, error, null,
                null, Instant.now(), 0, false);
    }

    public CellNode withOutputsChanged(boolean changed) {
        return new CellNode(id, parentId, kind, source, status, outputs, error, executionCount,
                execId, created, durationMs, changed);
    }

    /** This node after an execution finished. */
    public CellNode withResult(CellStatus newStatus, List<Output> newOutputs, ExecutionError newError,
            Integer count, long duration) {
        return new CellNode(id, parentId, kind, source, newStatus, newOutputs, newError, count,
                execId, created, duration, outputsChanged);
    }
}
