package dev.forkbook.ui.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThemeChoiceTest {

    @Test
    void a_saved_word_reads_back_as_its_choice_and_anything_else_follows_the_system() {
        for (ThemeChoice choice : ThemeChoice.values()) {
            assertEquals(choice, ThemeChoice.parse(choice.word() + "\n"));
        }
        assertEquals(ThemeChoice.SYSTEM, ThemeChoice.parse("purple"));
        assertEquals(ThemeChoice.SYSTEM, ThemeChoice.parse(null));
    }

    @Test
    void following_the_system_is_dark_only_when_the_desktop_prefers_dark() {
        assertTrue(ThemeChoice.SYSTEM.isDark(true));
        assertFalse(ThemeChoice.SYSTEM.isDark(false));
        assertTrue(ThemeChoice.DARK.isDark(false));
        assertFalse(ThemeChoice.LIGHT.isDark(true));
    }

    @Test
    void the_desktop_asks_for_dark_through_gtk_theme_or_the_gnome_color_scheme() {
        assertTrue(DesktopColorScheme.prefersDark(Map.of("GTK_THEME", "Adwaita:dark", "PATH", "")));
        assertFalse(DesktopColorScheme.prefersDark(Map.of("GTK_THEME", "Adwaita", "PATH", "")));
        assertFalse(DesktopColorScheme.prefersDark(Map.of()), "nothing readable means light");
        assertTrue(DesktopColorScheme.isDarkSetting("'prefer-dark'\n"));
        assertFalse(DesktopColorScheme.isDarkSetting("'default'\n"));
        assertFalse(DesktopColorScheme.isDarkSetting("No such schema"));
    }
}
