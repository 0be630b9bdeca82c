package dev.forkbook.kernel;

/**
 * The result of one branch of {@link Kernel#executeMany}: the state it ran from and what it gave
 * ({@code result.stateName()} is the new state, null when the run failed).
 */
public record BranchResult(String stateName, ExecutionResult result) {
}
