package dev.forkbook.kernel;

/**
 * Kernel settings.
 *
 * @param maxReprSize a rich representation longer than this many characters is dropped; text/plain
 *     is cut to it (the seed's later release uses 1,000,000)
 * @param workerStackBytes stack size of execution threads; large, so deep recursion ends in a Python
 *     RuntimeError instead of a dead thread
 */
public record KernelOptions(int maxReprSize, long workerStackBytes) {

    public static final int DEFAULT_MAX_REPR_SIZE = 1_000_000;

    public KernelOptions {
        if (maxReprSize < 1) {
            throw new IllegalArgumentException("maxReprSize must be positive: " + maxReprSize);
        }
    }

    public static KernelOptions defaults() {
        return new KernelOptions(DEFAULT_MAX_REPR_SIZE, 64L * 1024 * 1024);
    }

    public KernelOptions withMaxReprSize(int size) {
        return new KernelOptions(size, workerStackBytes);
    }
}
