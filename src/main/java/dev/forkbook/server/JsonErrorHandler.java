package dev.forkbook.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's own errors (a malformed request line, an ambiguous URI, a header too large...) in the API's
 * shape, {@code {"error": "..."}}, instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

    private final ObjectMapper mapper;

    JsonErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message,
            Throwable cause, Callback callback) {
        if (code >= 500) {
            LOG.error("HTTP {} for {} {}: {}", code, request.getMethod(),
                    request.getHttpURI().getPath(), message, cause);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    @SuppressWarnings("removal") // still how Jetty 12.1 renders parser errors
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    private byte[] body(int code, String message) {
        String text = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        try {
            return mapper.writeValueAsBytes(new Dtos.ErrorBody(text));
        } catch (JsonProcessingException e) {
            return "{\"error\": \"HTTP error\"}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
