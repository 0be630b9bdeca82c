package dev.forkbook.ui.files;

import dev.forkbook.kernel.Kernel;
import dev.forkbook.notebook.AtomicFileWriter;
import dev.forkbook.kernel.KernelDescription;
import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import dev.forkbook.notebook.KernelChoice;
import dev.forkbook.notebook.FileOps;
import dev.forkbook.notebook.ForkbookFormat;
import dev.forkbook.notebook.Ipynb;
import dev.forkbook.notebook.NotebookDocument;
import dev.forkbook.notebook.NotebookFile;
import dev.forkbook.notebook.NotebookFormatException;
import dev.forkbook.notebook.NotebookSession;
import dev.forkbook.notebook.NotebookTree;
import dev.forkbook.notebook.RecentFiles;
import dev.forkbook.notebook.RecoveryStore;
import dev.forkbook.notebook.TreeListener;
import dev.forkbook.ui.MainWindow;
import dev.forkbook.ui.compare.CompareViews;
import dev.forkbook.ui.notebook.NotebookViewModel;
import dev.forkbook.ui.output.LinkOpener;
import dev.forkbook.ui.tree.ForkGraphView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The window around one notebook document at a time: the File menu (New, Open, Open Recent, Save,
 * Save As, Export as .ipynb), the title with the notebook's name and an unsaved marker, a question
 * before unsaved work is dropped, and autosave to a recovery copy every minute.
 */
public final class NotebookShell {

    /** How often unsaved work is copied to the recovery store. */
    public static final Duration AUTOSAVE_INTERVAL = Duration.seconds(60);

    /** What the shell needs from the application. */
    public record Services(Kernel kernel, Executor background, Executor fx, LinkOpener links,
            MainWindow.ServerInfo server, RecoveryStore recovery, RecentFiles recent,
            FileOps files) {
    }

    private final Stage stage;
    private final Services services;
    private final BorderPane root = new BorderPane();
    private final Menu recentMenu = new Menu("Open Recent");
    private Menu viewMenu;
    private final Dialogs dialogs;
    private final Timeline autosave;
    private final KernelMenu kernelMenu;
    private final KernelConnector connector;
    private Kernel kernel;
    private KernelChoice kernelChoice;
    private Kernel.Subscription kernelEvents;
    private String connectionProblem;
    private NotebookFile file;
    private NotebookSession session;
    private NotebookViewModel model;
    /** The node that was current before the current one, for "Compare with Previously Selected". */
    private String previousNode;
    private MainWindow window;
    private boolean dirty;

    public NotebookShell(Stage stage, Services services, Function<Window, Dialogs> dialogs) {
        this(stage, services, dialogs, null);
    }

    /**
     * @param connector where other kernels come from (File → Connect, the Kernel menu); null for a
     *     window that always uses {@code services.kernel()}
     */
    public NotebookShell(Stage stage, Services services, Function<Window, Dialogs> dialogs,
            KernelConnector connector) {
        this(stage, services, dialogs, connector, null);
    }

    /**
     * A window that starts on {@code initial} (opened as {@link #open} does, recorded kernel and
     * all), or on an empty notebook when it is null or cannot be read. The window is built once,
     * for that notebook: at start-up nothing is built for an empty notebook only to be replaced.
     * With a {@code connector}, the kernel is first recorded as the one the connector names.
     */
    public NotebookShell(Stage stage, Services services, Function<Window, Dialogs> dialogs,
            KernelConnector connector, Path initial) {
        this.stage = stage;
        this.services = services;
        this.dialogs = dialogs.apply(stage);
        this.connector = connector;
        this.kernel = services.kernel();
        this.kernelMenu = connector == null ? null : new KernelMenu(this, connector, this.dialogs,
                services.background(), services.fx(), stage);
        root.setTop(menuBar());
        autosave = new Timeline(new KeyFrame(AUTOSAVE_INTERVAL, e -> autosaveNow()));
        autosave.setCycleCount(Timeline.INDEFINITE);
        if (initial != null && connector != null) {
            kernelChoice = connector.choiceFor(kernel);
        }
        if (initial == null || !open(initial)) {
            load(null, new NotebookDocument(new NotebookTree(), NotebookTree.ROOT_ID));
        }
    }

    /** Shows the window; closing it asks about unsaved changes. */
    public void show() {
        Scene scene = new Scene(root, 1280, 800);
        scene.getAccelerators().put(MainWindow.INTERRUPT, () -> model.interrupt());
        stage.setScene(scene);
        stage.setOnCloseRequest(event -> {
            if (!confirmDiscard()) {
                event.consume();
            } else {
                services.recovery().discard(path());
            }
        });
        stage.show();
        dev.forkbook.ui.output.WebWarmUp.afterFirstFrame(scene, services.background(),
                services.fx());
        dev.forkbook.ui.output.FullTextView.warmUpAfterFirstFrame(scene);
        autosave.play();
        window.notebook().bottomCell().edit();
    }

    /** The View menu, which the composition root fills (the theme choice). */
    public Menu viewMenu() {
        return viewMenu;
    }

    public MainWindow window() {
        return window;
    }

    public NotebookViewModel model() {
        return model;
    }

    public boolean isDirty() {
        return dirty;
    }

    /** The file the notebook is saved in, or null while untitled. */
    public Path path() {
        return file == null ? null : file.path();
    }

    /** The document as it is now. */
    public NotebookDocument document() {
        return new NotebookDocument(session.tree(), model.current(), kernelChoice);
    }

    /** The kernel the notebook runs on. */
    public Kernel kernel() {
        return kernel;
    }

    /** What the file records about the kernel (null: the embedded one). */
    public KernelChoice kernelChoice() {
        return kernelChoice;
    }

    /** Sets what the file records about the current kernel, without switching (at start-up). */
    public void setKernelChoice(KernelChoice choice) {
        kernelChoice = choice;
        updateTitle();
    }

    /** The kernel menu, or null when this window cannot switch kernels. */
    public KernelMenu kernelMenu() {
        return kernelMenu;
    }

    /**
     * Runs the notebook on another kernel from now on. Every cell keeps its outputs; cells become
     * not live unless the new kernel holds their states (reconnecting to the same server), and
     * rebuild on it when run below. The kernel used before is released.
     */
    public void useKernel(Kernel newKernel, KernelChoice choice) {
        Kernel old = kernel;
        boolean wasDirty = dirty;
        boolean changed = !java.util.Objects.equals(choice, kernelChoice);
        NotebookTree copy = notLiveCopy(session.tree());
        String current = model.current();
        kernel = newKernel;
        kernelChoice = choice;
        connectionProblem = null;
        load(file, new NotebookDocument(copy, current, choice));
        session.reviveStates();
        // A saved notebook records its kernel, so switching is a change to save.
        if (wasDirty || changed && file != null) {
            markDirty();
        }
        if (old != newKernel && connector != null) {
            connector.release(old);
        }
    }

    /** A transient note about the kernel in the title and status bar ("Connecting…"), or null. */
    public void setKernelStatus(String status) {
        connectionProblem = status;
        updateTitle();
    }

    private static NotebookTree notLiveCopy(NotebookTree tree) {
        NotebookTree copy = new NotebookTree();
        for (CellNode node : tree.depthFirst()) {
            if (!node.isRoot()) {
                copy.add(node.kind() == dev.forkbook.notebook.CellKind.CODE
                        && node.status() != CellStatus.ERROR ? node.withStatus(CellStatus.NOT_LIVE)
                        : node);
            }
        }
        for (CellNode node : tree.depthFirst()) {
            if (tree.label(node.id()) != null) {
                copy.setLabel(node.id(), tree.label(node.id()));
            }
            if (tree.isCollapsed(node.id())) {
                copy.setCollapsed(node.id(), true);
            }
        }
        return copy;
    }

    private void onKernelEvent(KernelEvent event) {
        if (event instanceof KernelEvent.ConnectionLost) {
            connectionProblem = "connection lost, retrying";
            updateTitle();
        } else if (event instanceof KernelEvent.ConnectionRestored) {
            connectionProblem = null;
            updateTitle();
        }
    }

    /** Offers the untitled recovery copy, for a start without a notebook. */
    public void offerUntitledRecovery() {
        services.recovery().offer(null).ifPresent(recovered -> {
            if (dialogs.offerRecovery("an untitled notebook", recovered.savedAt())) {
                load(null, recovered.document());
                markDirty();
            } else {
                services.recovery().discard(null);
            }
        });
    }

    public void newNotebook() {
        if (confirmDiscard()) {
            services.recovery().discard(path());
            load(null, new NotebookDocument(new NotebookTree(), NotebookTree.ROOT_ID));
        }
    }

    /** Opens a .forkbook or imports a .ipynb; a file that cannot be read is reported and left alone. */
    public boolean open(Path path) {
        if (!confirmDiscard()) {
            return false;
        }
        NotebookFile.Opened opened;
        try {
            opened = NotebookFile.open(path, services.files());
        } catch (IOException e) {
            dialogs.showError("Cannot open notebook", "Cannot read " + path + ": " + describe(e));
            return false;
        } catch (NotebookFormatException e) {
            dialogs.showError("Cannot open notebook", path.getFileName() + ": " + e.getMessage());
            return false;
        }
        services.recovery().discard(path());
        NotebookDocument document = opened.document();
        Optional<RecoveryStore.Recovered> recovered = services.recovery().offer(opened.file().path());
        boolean recover = recovered.isPresent()
                && dialogs.offerRecovery(opened.file().displayName(), recovered.get().savedAt());
        if (recovered.isPresent() && !recover) {
            services.recovery().discard(opened.file().path());
        }
        KernelChoice wanted = document.kernel();
        kernelChoice = wanted != null ? wanted : kernelChoice;
        load(opened.file(), recover ? recovered.get().document() : document);
        if (recover || !opened.file().path().equals(path)) {
            markDirty();
        }
        if (kernelMenu != null && wanted != null
                && !wanted.equals(connector.choiceFor(kernel))) {
            // The notebook ran elsewhere: offer that kernel again once the window is up.
            services.fx().execute(() -> kernelMenu.offer(wanted));
        }
        services.recent().add(path);
        refreshRecent();
        return true;
    }

    public boolean save() {
        return file == null ? saveAs() : write(file);
    }

    public boolean saveAs() {
        String suggested = file == null ? "untitled.forkbook" : file.displayName();
        return dialogs.chooseSaveTarget(suggested, false)
                .map(path -> write(NotebookFile.create(withExtension(path, ".forkbook"),
                        services.files())))
                .orElse(false);
    }

    /** Exports the path to the current node as a Jupyter notebook. */
    public boolean exportIpynb() {
        String base = file == null ? "untitled" : file.displayName().replaceFirst("\\.forkbook$", "");
        Optional<Path> target = dialogs.chooseSaveTarget(base + ".ipynb", true);
        if (target.isEmpty()) {
            return false;
        }
        try {
            new AtomicFileWriter(services.files()).write(withExtension(target.get(), ".ipynb"),
                    Ipynb.export(document(), model.current()));
            return true;
        } catch (IOException e) {
            dialogs.showError("Export failed", describe(e));
            return false;
        }
    }

    /** Copies unsaved work to the recovery store (the timer calls this every minute). */
    public void autosaveNow() {
        if (!dirty) {
            return;
        }
        byte[] bytes = ForkbookFormat.write(document());
        Path target = path();
        try {
            services.background().execute(() -> {
                try {
                    services.recovery().save(target, bytes);
                } catch (IOException e) {
                    // Autosave is a safety net; the next tick tries again.
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            autosave.stop(); // the app is shutting down: nothing runs any more
        }
    }

    /** Stops the autosave timer and the session (the window is gone). */
    public void dispose() {
        autosave.stop();
        if (session != null) {
            session.close();
        }
    }

    private boolean write(NotebookFile target) {
        NotebookDocument document = document();
        try {
            try {
                target.save(document, false);
            } catch (NotebookFile.ChangedOnDiskException changed) {
                if (!dialogs.confirmOverwriteChangedFile(target.displayName())) {
                    return false;
                }
                target.save(document, true);
            }
        } catch (IOException e) {
            dialogs.showError("Save failed", "Cannot save " + target.path() + ": " + describe(e)
                    + "\nThe notebook is still open and unchanged.");
            return false;
        }
        Path previous = path();
        file = target;
        dirty = false;
        services.recovery().discard(previous);
        services.recovery().discard(target.path());
        services.recent().add(target.path());
        refreshRecent();
        updateTitle();
        return true;
    }

    /** True when there is nothing unsaved, or the user saved it or chose to drop it. */
    private boolean confirmDiscard() {
        if (!dirty) {
            return true;
        }
        return switch (dialogs.askSaveChanges(displayName())) {
            case SAVE -> save();
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }

    private void load(NotebookFile newFile, NotebookDocument document) {
        if (session != null) {
            session.close();
        }
        if (kernelEvents != null) {
            kernelEvents.close();
        }
        kernelEvents = kernel.subscribe(event -> services.fx().execute(() -> onKernelEvent(event)));
        file = newFile;
        session = new NotebookSession(kernel, document.tree(), services.fx(),
                services.background());
        session.followKernel();
        model = new NotebookViewModel(session, services.fx());
        previousNode = null;
        model.currentProperty().addListener((obs, old, now) -> previousNode = old);
        model.select(document.current());
        window = new MainWindow(model, services.server(), services.links(), services.background(),
                services.fx());
        root.setCenter(window.root());
        window.tree().setBranchActions(new ForkGraphView.BranchActions() {
            @Override
            public void compare(String a, String b) {
                compareViews().openCompare(stage, a, b);
            }

            @Override
            public void runOnMany(List<String> nodeIds) {
                compareViews().openManyBranches(stage, nodeIds);
            }

            @Override
            public void runOnLeaves() {
                compareViews().openManyBranchesOnLeaves(stage);
            }
        });
        document.tree().addListener(new TreeListener() {
            @Override
            public void added(CellNode node) {
                markDirty();
            }

            @Override
            public void updated(CellNode before, CellNode after) {
                markDirty();
            }

            @Override
            public void removed(CellNode node) {
                markDirty();
            }
        });
        dirty = false;
        updateTitle();
    }

    private void markDirty() {
        if (!dirty) {
            dirty = true;
            updateTitle();
        }
    }

    private String displayName() {
        return file == null ? "Untitled" : file.displayName();
    }

    private void updateTitle() {
        KernelDescription description = kernel.description();
        String note = connectionProblem == null ? "" : " (" + connectionProblem + ")";
        // The embedded kernel is the default, named in the status bar only.
        stage.setTitle("Forkbook — " + displayName() + (dirty ? " *" : "")
                + (description.remote() || !note.isEmpty() ? " — " + description.label() + note
                        : ""));
        if (window != null) {
            window.statusBar().showKernel(description.label() + note
                    + (description.completes() ? "" : " · no tab completion on this kernel"),
                    connectionProblem != null);
        }
    }

    private MenuBar menuBar() {
        MenuItem newItem = item("New", "Shortcut+N", this::newNotebook);
        MenuItem open = item("Open…", "Shortcut+O",
                () -> dialogs.chooseNotebookToOpen().ifPresent(this::open));
        MenuItem save = item("Save", "Shortcut+S", this::save);
        MenuItem saveAs = item("Save As…", "Shortcut+Shift+S", this::saveAs);
        MenuItem export = item("Export Path as .ipynb…", null, this::exportIpynb);
        MenuItem close = item("Close Window", "Shortcut+W", () -> {
            if (confirmDiscard()) {
                services.recovery().discard(path());
                stage.hide();
            }
        });
        refreshRecent();
        Menu fileMenu = new Menu("File", null, newItem, open, recentMenu, new SeparatorMenuItem(),
                save, saveAs, export, new SeparatorMenuItem(), close);
        fileMenu.setId("file-menu");
        MenuBar bar = new MenuBar(fileMenu);
        bar.getMenus().addAll(new dev.forkbook.ui.notebook.NotebookMenus(() -> window.notebook(),
                () -> model).menus());
        if (kernelMenu != null) {
            fileMenu.getItems().add(fileMenu.getItems().size() - 2, kernelMenu.connectItem());
            kernelMenu.addTo(bar);
        }
        bar.getMenus().add(compareMenu());
        viewMenu = bar.getMenus().stream().filter(menu -> "view-menu".equals(menu.getId()))
                .findFirst().orElseGet(() -> {
                    Menu view = new Menu("View");
                    view.setId("view-menu");
                    bar.getMenus().add(view);
                    return view;
                });
        return bar;
    }

    /** Compare branches (issue 15); its views live in ui.compare. */
    private Menu compareMenu() {
        MenuItem withPrevious = item("Compare with Previously Selected Node", "Shortcut+Shift+D",
                () -> {
                    if (previousNode != null && session.tree().contains(previousNode)) {
                        compareViews().openCompare(stage, previousNode, model.current());
                    }
                });
        MenuItem withParent = item("Compare with Parent", null, () -> {
            CellNode node = session.tree().get(model.current());
            if (!node.isRoot()) {
                compareViews().openCompare(stage, node.parentId(), node.id());
            }
        });
        MenuItem onLeaves = item("Run a Cell on All Leaves…", "Shortcut+Shift+L",
                () -> compareViews().openManyBranchesOnLeaves(stage));
        Menu menu = new Menu("Compare", null, withPrevious, withParent, onLeaves);
        menu.setId("compare-menu");
        return menu;
    }

    private CompareViews compareViews() {
        return new CompareViews(kernel, session, services.background(), services.fx(),
                services.links());
    }

    private void refreshRecent() {
        recentMenu.getItems().clear();
        for (Path recent : services.recent().list()) {
            MenuItem item = new MenuItem(recent.toString());
            item.setOnAction(e -> open(recent));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private static Path withExtension(Path path, String extension) {
        String name = path.getFileName().toString();
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(extension) ? path
                : path.resolveSibling(name + extension);
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied (" + e.getMessage() + ")";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file (" + e.getMessage() + ")";
        }
        return e.getMessage() == null ? kind : e.getMessage();
    }
}
