package dev.forkbook.ui.output;

import java.net.URI;

/** Opens a link the user clicked in an output, outside the app (the system browser). */
@FunctionalInterface
public interface LinkOpener {

    void open(URI link);

    /** Only web links leave the app; anything else (file:, javascript:, data:) is ignored. */
    static boolean isWebLink(URI link) {
        String scheme = link.getScheme();
        return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    }
}
