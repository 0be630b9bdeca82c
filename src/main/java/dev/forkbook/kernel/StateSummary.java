package dev.forkbook.kernel;

import java.time.Instant;

/**
 * A state's identity and lineage without its variables: what the fork tree shows.
 *
 * @param parent the state it was executed from; null for {@code initial}
 * @param code the cell that produced it; empty for {@code initial}
 * @param durationMs how long that execution took
 * @param executionCount the kernel's execution counter for that execution; 0 for {@code initial}
 * @param evicted true while its namespace is evicted (see {@link StateInfo#evicted()})
 * @param failed true when its code raised: the state holds what the code bound before the exception
 *     (kept only when asked, see {@link ExecuteRequest#keepFailedState()})
 */
public record StateSummary(String name, String parent, String code, String execId, Instant created,
        long durationMs, int executionCount, boolean evicted, boolean failed) {

    public StateSummary(String name, String parent, String code, String execId, Instant created,
            long durationMs, int executionCount, boolean evicted) {
        this(name, parent, code, execId, created, durationMs, executionCount, evicted, false);
    }

    public StateSummary(String name, String parent, String code, String execId, Instant created,
            long durationMs, int executionCount) {
        this(name, parent, code, execId, created, durationMs, executionCount, false, false);
    }

    /** The same state, marked evicted or live. */
    public StateSummary withEvicted(boolean isEvicted) {
        return isEvicted == evicted ? this
                : new StateSummary(name, parent, code, execId, created, durationMs, executionCount,
                        isEvicted, failed);
    }
}
