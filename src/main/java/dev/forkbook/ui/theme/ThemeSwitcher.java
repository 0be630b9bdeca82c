package dev.forkbook.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;

/**
 * Applies the light or dark theme to every window and remembers the choice. The View menu calls
 * {@link #menu()} (a Theme submenu) or {@link #choose(ThemeChoice)}; nothing else needs to know.
 */
public final class ThemeSwitcher {

    private final Path store;
    private final BooleanSupplier desktopPrefersDark;
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper();
    private ThemeChoice choice;

    /**
     * @param store the settings file, e.g. {@link #defaultStore()}; null keeps nothing
     * @param desktopPrefersDark asked when the choice is to follow the system
     */
    public ThemeSwitcher(Path store, BooleanSupplier desktopPrefersDark) {
        this.store = store;
        this.desktopPrefersDark = desktopPrefersDark;
        this.choice = load();
    }

    /** {@code ~/.forkbook/theme.txt}. */
    public static Path defaultStore() {
        return Path.of(System.getProperty("user.home"), ".forkbook", "theme.txt");
    }

    /** Applies the saved choice; call once before the first window shows. */
    public ThemeSwitcher applySaved() {
        apply();
        return this;
    }

    public ThemeChoice choice() {
        return choice;
    }

    /** True while the dark theme is shown. */
    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    /** Switches theme at once and saves the choice. */
    public void choose(ThemeChoice newChoice) {
        choice = newChoice;
        save();
        apply();
    }

    /** A Theme submenu with Light, Dark and Follow system, for the View menu. */
    public Menu menu() {
        ToggleGroup group = new ToggleGroup();
        Menu menu = new Menu("Theme");
        menu.setId("theme-menu");
        for (ThemeChoice option : ThemeChoice.values()) {
            RadioMenuItem item = new RadioMenuItem(switch (option) {
                case LIGHT -> "Light";
                case DARK -> "Dark";
                case SYSTEM -> "Follow system";
            });
            item.setId("theme-" + option.word());
            item.setToggleGroup(group);
            item.setSelected(option == choice);
            item.setOnAction(e -> choose(option));
            menu.getItems().add(item);
        }
        return menu;
    }

    private void apply() {
        boolean isDark = choice.isDark(choice == ThemeChoice.SYSTEM
                && desktopPrefersDark.getAsBoolean());
        Application.setUserAgentStylesheet(isDark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        dark.set(isDark);
    }

    private ThemeChoice load() {
        if (store == null || !Files.isRegularFile(store)) {
            return ThemeChoice.SYSTEM;
        }
        try {
            return ThemeChoice.parse(Files.readString(store, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return ThemeChoice.SYSTEM;
        }
    }

    private void save() {
        if (store == null) {
            return;
        }
        try {
            Files.createDirectories(store.getParent());
            Files.writeString(store, choice.word() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // The theme is a preference; failing to remember it loses no work.
        }
    }
}
