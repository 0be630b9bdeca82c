package dev.forkbook.kernel;

/** Something that happened in the kernel, for the UI and remote clients that follow it. */
public sealed interface KernelEvent {

    /** The event's name on the wire (server-sent event name). */
    String type();

    record StateCreated(StateSummary state) implements KernelEvent {
        @Override
        public String type() {
            return "state_created";
        }
    }

    record StateDeleted(String name) implements KernelEvent {
        @Override
        public String type() {
            return "state_deleted";
        }
    }

    record ExecutionStarted(String execId, String stateName, String code) implements KernelEvent {
        @Override
        public String type() {
            return "execution_started";
        }
    }

    /** An execution ended; {@code result.stateName()} is the stored state or null on error. */
    record ExecutionFinished(String execId, String stateName, ExecutionResult result)
            implements KernelEvent {
        @Override
        public String type() {
            return "execution_finished";
        }
    }

    /**
     * {@code update_display} named an output that an earlier execution showed: front ends replace
     * every output with that display id by {@code output}.
     */
    record DisplayUpdated(String displayId, Output.DisplayData output) implements KernelEvent {
        @Override
        public String type() {
            return "display_updated";
        }
    }

    /**
     * An execution produced output while running: a chunk of stream text (coalesced over a few tens of
     * milliseconds) or one rich output, in order. The execution's final result carries the complete
     * (capped) outputs, which replace what was streamed.
     */
    record OutputProduced(String execId, Output output) implements KernelEvent {
        @Override
        public String type() {
            return "output";
        }
    }

    /**
     * The kernel dropped a state's namespace to stay within its memory budget; the state keeps its
     * lineage and outputs and is rebuilt by replay when a cell runs from it.
     */
    record StateEvicted(String name) implements KernelEvent {
        @Override
        public String type() {
            return "state_evicted";
        }
    }

    /**
     * {@code clear_output(wait)} ran: front ends clear the running execution's outputs, now or
     * ({@code waitForNext}) when its next output arrives.
     */
    record OutputCleared(String execId, boolean waitForNext) implements KernelEvent {
        @Override
        public String type() {
            return "clear_output";
        }
    }

    /**
     * The kernel became ready, or failed to start ({@code detail} says why; empty otherwise). A
     * kernel that is ready from its construction never sends one.
     */
    record StatusChanged(KernelStatus status, String detail) implements KernelEvent {
        @Override
        public String type() {
            return "kernel_status";
        }
    }

    /**
     * An evicted state was rebuilt by replaying its cells; {@code outputsChanged} says the replay
     * printed or returned something different from the first run (the cell is not reproducible).
     */
    record StateRebuilt(String name, boolean outputsChanged) implements KernelEvent {
        @Override
        public String type() {
            return "state_rebuilt";
        }
    }

    record KernelReset() implements KernelEvent {
        @Override
        public String type() {
            return "reset";
        }
    }

    /**
     * A remote kernel stopped answering: its states cannot be reached until
     * {@link ConnectionRestored}. Embedded kernels never send it.
     */
    record ConnectionLost(String message) implements KernelEvent {
        @Override
        public String type() {
            return "connection_lost";
        }
    }

    /** A remote kernel answers again; states it still holds can be used again. */
    record ConnectionRestored() implements KernelEvent {
        @Override
        public String type() {
            return "connection_restored";
        }
    }
}
