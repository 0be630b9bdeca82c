package dev.forkbook.kernel;

import java.time.Instant;

/**
 * A state's identity and lineage without its variables: what the fork tree shows.
 *
 * @param parent the state it was executed from; null for {@code initial}
 * @param code the cell that produced it; empty for {@code initial}
 * @param durationMs how long that execution took
 * @param executionCount the kernel's execution counter for that execution; 0 for {@code initial}
 */
public record StateSummary(String name, String parent, String code, String execId, Instant created,
        long durationMs, int executionCount) {
}
