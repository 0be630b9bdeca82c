package dev.forkbook.ui.files;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/** Everything the shell asks the user; the app shows real dialogs, tests answer from a script. */
public interface Dialogs {

    /** What to do with unsaved changes. */
    enum SaveChoice { SAVE, DISCARD, CANCEL }

    Optional<Path> chooseNotebookToOpen();

    /** @param ipynb whether a Jupyter file is wanted (export) rather than a .forkbook */
    Optional<Path> chooseSaveTarget(String suggestedName, boolean ipynb);

    SaveChoice askSaveChanges(String notebookName);

    /** The file changed on disk since it was opened: overwrite it anyway? */
    boolean confirmOverwriteChangedFile(String notebookName);

    /** A recovery copy newer than the notebook exists: use it? */
    boolean offerRecovery(String notebookName, FileTime savedAt);

    void showError(String title, String message);
}
