package dev.forkbook.ui.files;

import dev.forkbook.kernel.Kernel;
import dev.forkbook.notebook.KernelChoice;

/**
 * Where the window gets its kernels from: the embedded one, a server elsewhere, or a CPython kernel
 * started on this machine. Implemented by the application; calls may block (network, process start),
 * so the window makes them off the FX thread.
 */
public interface KernelConnector {

    /** The kernel inside this JVM. */
    Kernel embedded();

    /** Connects to the server at {@code url}. */
    Kernel connect(String url, String token) throws Unavailable;

    /** Starts the CPython seed on a free loopback port with a fresh token and connects to it. */
    Kernel startLocalPython() throws Unavailable;

    /** What to record in the notebook file for a kernel this connector gave. */
    KernelChoice choiceFor(Kernel kernel);

    /** The window no longer uses {@code kernel}: close its connection, stop its local process. */
    void release(Kernel kernel);

    /** The Python interpreter "Python 3 (local)" runs (a preference; default {@code python3}). */
    String pythonInterpreter();

    void setPythonInterpreter(String interpreter);

    /** A kernel could not be reached or started; the message says why and what to do. */
    final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }
    }
}
