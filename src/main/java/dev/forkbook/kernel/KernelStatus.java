package dev.forkbook.kernel;

/** Whether a kernel can run code: still starting (or connecting), ready, or failed to start. */
public enum KernelStatus {
    /** Not up yet: state queries answer from an empty {@code initial}, executions wait. */
    STARTING,
    /** Up: every call goes to the interpreter. */
    READY,
    /** It could not start: executions fail with {@link ExecutionError#KERNEL_FAILED}. */
    FAILED
}
