package dev.forkbook.ui.files;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The shell's questions as JavaFX dialogs and file choosers, owned by the main window. */
public final class FxDialogs implements Dialogs {

    private final Window owner;
    private File lastDirectory;

    public FxDialogs(Window owner) {
        this.owner = owner;
    }

    @Override
    public Optional<Path> chooseNotebookToOpen() {
        FileChooser chooser = chooser("Open notebook");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Notebooks", "*.forkbook", "*.ipynb"),
                new FileChooser.ExtensionFilter("Forkbook notebooks", "*.forkbook"),
                new FileChooser.ExtensionFilter("Jupyter notebooks", "*.ipynb"));
        return remember(chooser.showOpenDialog(owner));
    }

    @Override
    public Optional<Path> chooseSaveTarget(String suggestedName, boolean ipynb) {
        FileChooser chooser = chooser(ipynb ? "Export path as Jupyter notebook" : "Save notebook");
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(ipynb
                ? new FileChooser.ExtensionFilter("Jupyter notebooks", "*.ipynb")
                : new FileChooser.ExtensionFilter("Forkbook notebooks", "*.forkbook"));
        return remember(chooser.showSaveDialog(owner));
    }

    @Override
    public SaveChoice askSaveChanges(String notebookName) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = alert(Alert.AlertType.CONFIRMATION, "Unsaved changes",
                "Save the changes to " + notebookName + "?", save, discard, cancel);
        ButtonType answer = alert.showAndWait().orElse(cancel);
        return answer == save ? SaveChoice.SAVE : answer == discard ? SaveChoice.DISCARD
                : SaveChoice.CANCEL;
    }

    @Override
    public boolean confirmOverwriteChangedFile(String notebookName) {
        ButtonType overwrite = new ButtonType("Overwrite", ButtonBar.ButtonData.YES);
        return alert(Alert.AlertType.WARNING, "Changed on disk", notebookName
                + " was changed by another program since it was opened. Overwrite those changes?",
                overwrite, ButtonType.CANCEL).showAndWait().orElse(ButtonType.CANCEL) == overwrite;
    }

    @Override
    public boolean offerRecovery(String notebookName, FileTime savedAt) {
        ButtonType recover = new ButtonType("Recover", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        return alert(Alert.AlertType.CONFIRMATION, "Recover unsaved work", "Forkbook found unsaved "
                + "changes to " + notebookName + " from " + HumanTime.of(savedAt.toInstant(),
                java.time.Instant.now(), java.time.ZoneId.systemDefault()) + ". Recover them?",
                recover,
                discard).showAndWait().orElse(discard) == recover;
    }

    @Override
    public void showError(String title, String message) {
        alert(Alert.AlertType.ERROR, title, message, ButtonType.OK).showAndWait();
    }

    private Alert alert(Alert.AlertType type, String title, String text, ButtonType... buttons) {
        Alert alert = new Alert(type, text, buttons);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(null);
        return alert;
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (lastDirectory != null && lastDirectory.isDirectory()) {
            chooser.setInitialDirectory(lastDirectory);
        }
        return chooser;
    }

    private Optional<Path> remember(File file) {
        if (file == null) {
            return Optional.empty();
        }
        lastDirectory = file.getParentFile();
        return Optional.of(file.toPath());
    }
}
