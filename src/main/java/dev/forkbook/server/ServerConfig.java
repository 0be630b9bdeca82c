package dev.forkbook.server;

import java.util.Objects;

/**
 * Where and how the REST server listens.
 *
 * @param host the address to bind; loopback by default
 * @param port the port; 0 picks a free one
 * @param token the secret every request must carry
 * @param maxBodyBytes larger request bodies are refused with 413
 */
public record ServerConfig(String host, int port, String token, long maxBodyBytes) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("the token must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static ServerConfig loopback(int port, String token) {
        return new ServerConfig(DEFAULT_HOST, port, token, DEFAULT_MAX_BODY_BYTES);
    }

    /** True when the server only accepts connections from this machine. */
    public boolean isLoopback() {
        return LoopbackNames.isLoopbackHost(host);
    }
}
