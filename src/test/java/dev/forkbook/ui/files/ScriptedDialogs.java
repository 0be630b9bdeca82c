package dev.forkbook.ui.files;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers the shell's questions from fields the test sets, and records what was asked. */
final class ScriptedDialogs implements Dialogs {

    final List<String> asked = new ArrayList<>();
    Path openAnswer;
    Path saveAnswer;
    SaveChoice saveChoice = SaveChoice.CANCEL;
    boolean overwrite;
    boolean recover;

    @Override
    public Optional<Path> chooseNotebookToOpen() {
        asked.add("open");
        return Optional.ofNullable(openAnswer);
    }

    @Override
    public Optional<Path> chooseSaveTarget(String suggestedName, boolean ipynb) {
        asked.add("save-target:" + suggestedName);
        return Optional.ofNullable(saveAnswer);
    }

    @Override
    public SaveChoice askSaveChanges(String notebookName) {
        asked.add("save-changes:" + notebookName);
        return saveChoice;
    }

    @Override
    public boolean confirmOverwriteChangedFile(String notebookName) {
        asked.add("overwrite:" + notebookName);
        return overwrite;
    }

    @Override
    public boolean offerRecovery(String notebookName, FileTime savedAt) {
        asked.add("recover:" + notebookName);
        return recover;
    }

    @Override
    public void showError(String title, String message) {
        asked.add("error:" + title + ": " + message);
    }
}
