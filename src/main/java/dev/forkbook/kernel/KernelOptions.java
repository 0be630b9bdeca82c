package dev.forkbook.kernel;

/**
 * Kernel settings.
 *
 * @param maxReprSize a rich representation longer than this many characters is dropped; text/plain
 *     is cut to it (the seed's later release uses 1,000,000)
 * @param workerStackBytes stack size of execution threads; large, so deep recursion ends in a Python
 *     RuntimeError instead of a dead thread
 * @param maxOutputChars stdout + stderr text kept per execution: its first and last halves, with a
 *     marker saying how much was dropped between them (the seed caps rich outputs only)
 * @param memoryBudgetBytes the bytes of state the kernel keeps before it evicts the least recently
 *     used states; 0 means half the JVM's maximum heap
 */
public record KernelOptions(int maxReprSize, long workerStackBytes, int maxOutputChars,
        long memoryBudgetBytes) {

    public static final int DEFAULT_MAX_REPR_SIZE = 1_000_000;
    public static final int DEFAULT_MAX_OUTPUT_CHARS = 1_000_000;

    public KernelOptions {
        if (maxReprSize < 1) {
            throw new IllegalArgumentException("maxReprSize must be positive: " + maxReprSize);
        }
        if (maxOutputChars < 2) {
            throw new IllegalArgumentException("maxOutputChars must be at least 2: "
                    + maxOutputChars);
        }
        if (memoryBudgetBytes < 0) {
            throw new IllegalArgumentException("the memory budget must not be negative");
        }
    }

    public KernelOptions(int maxReprSize, long workerStackBytes, int maxOutputChars) {
        this(maxReprSize, workerStackBytes, maxOutputChars, 0);
    }

    public KernelOptions(int maxReprSize, long workerStackBytes) {
        this(maxReprSize, workerStackBytes, DEFAULT_MAX_OUTPUT_CHARS);
    }

    public static KernelOptions defaults() {
        return new KernelOptions(DEFAULT_MAX_REPR_SIZE, 64L * 1024 * 1024);
    }

    public KernelOptions withMaxReprSize(int size) {
        return new KernelOptions(size, workerStackBytes, maxOutputChars, memoryBudgetBytes);
    }

    public KernelOptions withMaxOutputChars(int chars) {
        return new KernelOptions(maxReprSize, workerStackBytes, chars, memoryBudgetBytes);
    }

    public KernelOptions withMemoryBudget(long bytes) {
        return new KernelOptions(maxReprSize, workerStackBytes, maxOutputChars, bytes);
    }

    /** The budget in bytes, with 0 resolved to half the maximum heap. */
    public long effectiveMemoryBudget() {
        return memoryBudgetBytes > 0 ? memoryBudgetBytes : Runtime.getRuntime().maxMemory() / 2;
    }
}
