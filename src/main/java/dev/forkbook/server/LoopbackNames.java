package dev.forkbook.server;

import java.net.URI;
import java.util.Locale;

/** Recognises loopback host names and addresses, with or without a port, as HTTP headers carry them. */
final class LoopbackNames {

    private LoopbackNames() {
    }

    static boolean isLoopbackHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.equals("localhost") || name.equals("::1") || name.equals("0:0:0:0:0:0:0:1")
                || name.matches("127(\\.\\d{1,3}){3}");
    }

    /** A {@code Host} header value: {@code name[:port]} or {@code [v6][:port]}. */
    static boolean isLoopbackHostHeader(String header) {
        return isLoopbackHost(hostOfHostHeader(header));
    }

    static String hostOfHostHeader(String header) {
        String value = header.trim();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end > 0 ? value.substring(0, end + 1) : value;
        }
        int colon = value.lastIndexOf(':');
        return colon >= 0 ? value.substring(0, colon) : value;
    }

    /** An {@code Origin} header such as {@code http://localhost:8080}; false for anything unparsable. */
    static boolean isLoopbackOrigin(String origin) {
        try {
            URI uri = URI.create(origin.trim());
            String scheme = uri.getScheme();
            return uri.getHost() != null && ("http".equals(scheme) || "https".equals(scheme))
                    && isLoopbackHost(uri.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
