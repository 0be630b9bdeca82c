package dev.forkbook.kernel.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP to one kernel server: the token where that server reads it, timeouts, and every failure turned
 * into a {@link RemoteKernelException} with a sentence for the user.
 */
final class KernelHttp {

    /** Where the token goes: a Bearer header (Forkbook) or {@code ?token=} (the seed reads only that). */
    enum TokenStyle { BEARER, QUERY }

    /** A status and a body that parsed as JSON (null when it did not). */
    record Answer(int status, JsonNode json, String text) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private static final Pattern PRE = Pattern.compile("<pre>(.*?)</pre>", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]+>");

    final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final String token;
    private final TokenStyle style;
    private final RemoteOptions options;
    private final HttpClient client;

    KernelHttp(URI base, String token, TokenStyle style, RemoteOptions options) {
        this(base, token, style, options, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .build());
    }

    private KernelHttp(URI base, String token, TokenStyle style, RemoteOptions options,
            HttpClient client) {
        this.base = base;
        this.token = token;
        this.style = style;
        this.options = options;
        this.client = client;
    }

    /** The same server and client, with the token placed another way. */
    KernelHttp withStyle(TokenStyle newStyle) {
        return new KernelHttp(base, token, newStyle, options, client);
    }

    URI base() {
        return base;
    }

    RemoteOptions options() {
        return options;
    }

    /** Sends a request; answers with whatever status the server gave. */
    Answer send(String method, String path, Object body, Duration timeout) {
        HttpRequest request = request(method, path, body, timeout).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw gone(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteKernelException(RemoteKernelException.Reason.SERVER_GONE, 0,
                    "Interrupted while waiting for " + base, e);
        }
        String text = response.body();
        JsonNode parsed = null;
        try {
            parsed = text == null || text.isBlank() ? null : json.readTree(text);
        } catch (JsonProcessingException notJson) {
            // The seed answers errors with Bottle's HTML page; message() reads it.
        }
        return new Answer(response.statusCode(), parsed, text == null ? "" : text);
    }

    /** Sends a request and returns the JSON of a 2xx answer; anything else is an exception. */
    JsonNode call(String method, String path, Object body, Duration timeout) {
        Answer answer = send(method, path, body, timeout);
        if (answer.status() == 401) {
            throw wrongToken();
        }
        if (!answer.ok() || answer.json() == null) {
            throw new RemoteKernelException(RemoteKernelException.Reason.BAD_ANSWER, answer.status(),
                    method + " " + path + " failed with " + answer.status() + ": " + message(answer),
                    null);
        }
        return answer.json();
    }

    JsonNode call(String method, String path, Object body) {
        return call(method, path, body, options.requestTimeout());
    }

    /** Opens a long-lived stream (server-sent events); the caller closes it. */
    InputStream stream(String path) {
        HttpRequest request = request("GET", path, null, null)
                .header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw gone(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteKernelException(RemoteKernelException.Reason.SERVER_GONE, 0,
                    "Interrupted while connecting to " + base, e);
        }
        if (response.statusCode() != 200) {
            try {
                response.body().close();
            } catch (IOException ignored) {
                // Closing a failed stream; nothing to keep.
            }
            if (response.statusCode() == 401) {
                throw wrongToken();
            }
            throw new RemoteKernelException(RemoteKernelException.Reason.BAD_ANSWER,
                    response.statusCode(), "GET " + path + " failed with " + response.statusCode(),
                    null);
        }
        return response.body();
    }

    private HttpRequest.Builder request(String method, String path, Object body, Duration timeout) {
        String uri = base.toString().replaceAll("/+$", "") + path;
        if (style == TokenStyle.QUERY && token != null) {
            uri += (path.contains("?") ? "&" : "?") + "token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri));
        if (timeout != null) {
            builder.timeout(timeout);
        }
        if (style == TokenStyle.BEARER && token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json");
            try {
                builder.method(method, HttpRequest.BodyPublishers.ofByteArray(
                        json.writeValueAsBytes(body)));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("cannot encode request body", e);
            }
        }
        return builder;
    }

    RemoteKernelException wrongToken() {
        return new RemoteKernelException(RemoteKernelException.Reason.WRONG_TOKEN, 401,
                "The kernel at " + base + " refused the token (401). Check the token you were "
                        + "given when the server started.", null);
    }

    RemoteKernelException gone(IOException e) {
        String why;
        if (e instanceof HttpConnectTimeoutException) {
            why = "no connection within " + options.connectTimeout().toSeconds() + " s";
        } else if (e instanceof HttpTimeoutException) {
            why = "no answer within " + options.requestTimeout().toSeconds() + " s";
        } else if (e instanceof ConnectException) {
            why = "nothing is listening there";
        } else {
            why = "the connection broke (" + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + ")";
        }
        return new RemoteKernelException(RemoteKernelException.Reason.SERVER_GONE, 0,
                "Cannot reach the kernel at " + base + ": " + why + ".", e);
    }

    /** The error text of an answer: Forkbook's {@code {"error"}}, or the text of the seed's HTML page. */
    static String message(Answer answer) {
        if (answer.json() != null && answer.json().hasNonNull("error")) {
            return answer.json().get("error").asText();
        }
        String text = answer.text();
        if (text.toLowerCase(Locale.ROOT).contains("<html") || text.contains("<!DOCTYPE")) {
            Matcher pre = PRE.matcher(text);
            String inner = pre.find() ? pre.group(1) : text;
            text = TAG.matcher(inner).replaceAll(" ");
            text = text.replace("&#039;", "'").replace("&quot;", "\"").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&amp;", "&");
        }
        text = text.strip().replaceAll("\\s+", " ");
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
