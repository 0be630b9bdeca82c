package dev.forkbook.ui.theme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether the Linux desktop asks for dark windows. JavaFX 21 has no API for the platform's
 * preference, so this reads what GTK desktops publish: {@code GTK_THEME} ending in {@code :dark},
 * else GNOME's {@code color-scheme} setting through {@code gsettings} when it is installed.
 * Anything unreadable means light.
 */
public final class DesktopColorScheme {

    private DesktopColorScheme() {
    }

    /** True when the environment or the desktop settings ask for a dark theme. */
    public static boolean prefersDark(Map<String, String> env) {
        String gtkTheme = env.getOrDefault("GTK_THEME", "");
        if (gtkTheme.toLowerCase(java.util.Locale.ROOT).endsWith(":dark")) {
            return true;
        }
        if (!onPath("gsettings", env.getOrDefault("PATH", ""))) {
            return false;
        }
        try {
            Process process = new ProcessBuilder("gsettings", "get", "org.gnome.desktop.interface",
                    "color-scheme").redirectErrorStream(true).start();
            if (!process.waitFor(700, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return isDarkSetting(new String(process.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Reads {@code gsettings}' answer, e.g. {@code 'prefer-dark'}. */
    static boolean isDarkSetting(String gsettingsOutput) {
        return gsettingsOutput != null && gsettingsOutput.strip().replace("'", "")
                .equals("prefer-dark");
    }

    private static boolean onPath(String program, String path) {
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
