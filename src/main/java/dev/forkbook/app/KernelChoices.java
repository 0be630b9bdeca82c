package dev.forkbook.app;

import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.KernelDescription;
import dev.forkbook.notebook.KernelChoice;

/** What a notebook file records about the kernel it ran on. */
final class KernelChoices {

    private KernelChoices() {
    }

    /**
     * The choice to save for a notebook run on {@code kernel}; {@code previous} is kept for a local
     * Python kernel, whose URL changes on every start.
     */
    static KernelChoice of(Kernel kernel, KernelChoice previous) {
        KernelDescription description = kernel.description();
        if (!description.remote()) {
            return previous != null && KernelChoice.LOCAL_PYTHON.equals(previous.kind()) ? previous
                    : null;
        }
        return new KernelChoice(description.kind(), description.url());
    }
}
