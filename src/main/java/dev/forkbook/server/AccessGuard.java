package dev.forkbook.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Runs before every route: refuses foreign {@code Host} headers when bound to loopback (DNS
 * rebinding) and foreign {@code Origin}s (a web page driving the kernel), oversized bodies, and
 * requests without the token. The token may come as {@code ?token=} (the seed's way) or as
 * {@code Authorization: Bearer}; it is compared in constant time and never logged.
 */
final class AccessGuard {

    private final ServerConfig config;
    private final byte[] token;

    AccessGuard(ServerConfig config) {
        this.config = config;
        this.token = config.token().getBytes(StandardCharsets.UTF_8);
    }

    void check(Context ctx) {
        String host = ctx.header("Host");
        if (config.isLoopback() && host != null && !LoopbackNames.isLoopbackHostHeader(host)) {
            throw new ApiException(403, "Host header is not a loopback name.");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !isAllowedOrigin(origin, host)) {
            throw new ApiException(403, "Cross-origin requests are not allowed.");
        }
        if (!hasValidToken(ctx)) {
            throw new ApiException(401, "Invalid or missing token.");
        }
        long length = ctx.req().getContentLengthLong();
        if (length > config.maxBodyBytes()) {
            discardBody(ctx, length);
            ctx.header("Connection", "close");
            throw new ApiException(413, "Request body is larger than " + config.maxBodyBytes()
                    + " bytes.");
        }
    }

    /** Bodies larger than this are not read at all: the connection is simply closed after the 413. */
    private static final long MAX_DISCARD_BYTES = 64L * 1024 * 1024;

    /**
     * Reads and drops an oversized body, so that the client, still sending it, can read the 413:
     * answering first and closing would reset the connection under it. Bounded, never buffered.
     */
    private static void discardBody(Context ctx, long length) {
        if (length > MAX_DISCARD_BYTES) {
            return;
        }
        byte[] buffer = new byte[64 * 1024];
        try (java.io.InputStream in = ctx.req().getInputStream()) {
            while (in.read(buffer) >= 0) {
                // dropped
            }
        } catch (java.io.IOException clientGone) {
            // Nothing to answer to.
        }
    }

    private boolean isAllowedOrigin(String origin, String host) {
        if (LoopbackNames.isLoopbackOrigin(origin)) {
            return true;
        }
        // Bound to a public address, a page served by this very host may call it.
        return !config.isLoopback() && host != null && origin.endsWith("://" + host);
    }

    private boolean hasValidToken(Context ctx) {
        String presented = ctx.queryParam("token");
        if (presented == null) {
            String authorization = ctx.header("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                presented = authorization.substring(7).trim();
            }
        }
        return presented != null
                && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }
}
