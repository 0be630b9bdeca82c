package dev.forkbook.app;

import dev.forkbook.ui.output.LinkOpener;
import java.awt.Desktop;
import java.io.IOException;
import java.net.URI;

/** Opens web links from outputs in the user's browser. */
final class SystemBrowser implements LinkOpener {

    @Override
    public void open(URI link) {
        if (!LinkOpener.isWebLink(link)) {
            return;
        }
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(link);
            } else {
                new ProcessBuilder("xdg-open", link.toString()).start();
            }
        } catch (IOException | UnsupportedOperationException e) {
            System.err.println("Cannot open " + link + ": " + e.getMessage());
        }
    }
}
