package dev.forkbook.notebook;

/** A notebook file that cannot be read: what is wrong with it, in words for the user. */
public final class NotebookFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotebookFormatException(String message) {
        super(message);
    }

    public NotebookFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
