package dev.forkbook.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client for the REST tests, talking to a server on loopback. */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    ApiClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** A response: status code and parsed JSON body (null if the body is not JSON). */
    record Reply(int status, JsonNode json, String raw, String contentType) {
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    Reply post(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply put(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply post(String path, Object body) {
        try {
            return post(path, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request carrying the token as the seed's clients send it. */
    HttpRequest.Builder request(String path) {
        String separator = path.contains("?") ? "&" : "?";
        return HttpRequest.newBuilder(URI.create(base + path + separator + "token=" + token))
                .timeout(Duration.ofSeconds(60));
    }

    HttpRequest.Builder bare(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    /** An open {@code /events} stream whose lines a daemon thread collects into {@link #lines}. */
    record EventLines(java.util.concurrent.BlockingQueue<String> lines, java.io.InputStream body)
            implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    EventLines openEvents() throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient().send(request("/events")
                .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        java.util.concurrent.BlockingQueue<String> lines =
                new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    stream.body(), java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new EventLines(lines, stream.body());
    }

    Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = JSON.readTree(response.body());
            } catch (IOException notJson) {
                json = null;
            }
            return new Reply(response.statusCode(), json, response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
