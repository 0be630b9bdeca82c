package dev.forkbook.server;

/** The address to listen on is taken by another program. */
public final class PortInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PortInUseException(String host, int port, Throwable cause) {
        super("port " + port + " on " + host + " is already in use", cause);
    }
}
