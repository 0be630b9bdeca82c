package dev.forkbook.kernel.remote;

import java.time.Duration;

/**
 * Timeouts and refresh rates of a remote kernel connection.
 *
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout how long a request other than an execution may take; executions have no
 *     limit because cells may run for hours, but a closed connection ends them at once
 * @param pollInterval how often the seed's {@code /states} is read (it has no event stream)
 * @param reconnectDelay how long to wait between attempts to reach a server that stopped answering
 */
public record RemoteOptions(Duration connectTimeout, Duration requestTimeout, Duration pollInterval,
        Duration reconnectDelay) {

    public static RemoteOptions defaults() {
        return new RemoteOptions(Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMillis(1000), Duration.ofSeconds(2));
    }

    public RemoteOptions withPollInterval(Duration interval) {
        return new RemoteOptions(connectTimeout, requestTimeout, interval, reconnectDelay);
    }

    public RemoteOptions withReconnectDelay(Duration delay) {
        return new RemoteOptions(connectTimeout, requestTimeout, pollInterval, delay);
    }

    public RemoteOptions withRequestTimeout(Duration timeout) {
        return new RemoteOptions(connectTimeout, timeout, pollInterval, reconnectDelay);
    }
}
