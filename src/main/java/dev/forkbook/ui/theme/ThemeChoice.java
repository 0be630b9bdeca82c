package dev.forkbook.ui.theme;

import java.util.Locale;

/** What the user picked in View → Theme. */
public enum ThemeChoice {
    LIGHT, DARK, SYSTEM;

    /** The word saved in the settings file. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The choice a saved word stands for; anything unreadable means following the system. */
    public static ThemeChoice parse(String word) {
        for (ThemeChoice choice : values()) {
            if (choice.word().equals(word == null ? "" : word.strip())) {
                return choice;
            }
        }
        return SYSTEM;
    }

    /** Whether this choice shows the dark theme, given what the desktop prefers. */
    public boolean isDark(boolean desktopPrefersDark) {
        return this == DARK || this == SYSTEM && desktopPrefersDark;
    }
}
