package dev.forkbook.kernel.remote;

/** A remote kernel could not be used; {@link #reason()} says why, the message says it plainly. */
public final class RemoteKernelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a remote call failed. */
    public enum Reason {
        /** Nothing answers at the address, or the connection broke or timed out. */
        SERVER_GONE,
        /** The server refused the token (401). */
        WRONG_TOKEN,
        /** Something answers, but it is neither a Forkbook server nor the seed. */
        NOT_A_KERNEL,
        /** The server answered a request with an error or with something unreadable. */
        BAD_ANSWER
    }

    private final Reason reason;
    private final int status;

    RemoteKernelException(Reason reason, int status, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.status = status;
    }

    RemoteKernelException(Reason reason, String message) {
        this(reason, 0, message, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status of the failed answer, or 0 when there was none. */
    public int status() {
        return status;
    }
}
