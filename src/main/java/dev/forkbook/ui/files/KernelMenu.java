package dev.forkbook.ui.files;

import dev.forkbook.kernel.Kernel;
import dev.forkbook.notebook.KernelChoice;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * The kernel choices of the window: File → Connect to kernel… and the Kernel menu (Embedded Jython,
 * Python 3 (local), Connect…, Reconnect, Python interpreter…). Kept apart from the shell's own menus
 * so other menus can be merged around it.
 */
public final class KernelMenu {

    /** What the user typed into the Connect dialog. */
    public record Connection(String url, String token) {
    }

    private final NotebookShell shell;
    private final KernelConnector connector;
    private final Dialogs dialogs;
    private final Executor background;
    private final Executor fx;
    private final Window owner;
    private String lastUrl = "http://127.0.0.1:8080";
    private String lastToken = "";

    public KernelMenu(NotebookShell shell, KernelConnector connector, Dialogs dialogs,
            Executor background, Executor fx, Window owner) {
        this.shell = shell;
        this.connector = connector;
        this.dialogs = dialogs;
        this.background = background;
        this.fx = fx;
        this.owner = owner;
    }

    /** File → Connect to kernel… */
    public MenuItem connectItem() {
        MenuItem item = new MenuItem("Connect to kernel…");
        item.setId("connect-kernel");
        item.setOnAction(e -> askAndConnect(null));
        return item;
    }

    /** The kernel choices: Embedded Jython, Python 3 (local), Connect…, Reconnect, interpreter. */
    public List<MenuItem> items() {
        MenuItem embedded = new MenuItem("Embedded Jython");
        embedded.setId("embedded-jython");
        embedded.setOnAction(e -> use(connector::embedded));
        MenuItem local = new MenuItem("Python 3 (local)");
        local.setId("python3-local");
        local.setOnAction(e -> startLocalPython());
        MenuItem connect = connectItem();
        connect.setId("kernel-connect");
        MenuItem reconnect = new MenuItem("Reconnect");
        reconnect.setId("kernel-reconnect");
        reconnect.setOnAction(e -> reconnect());
        MenuItem interpreter = new MenuItem("Python interpreter…");
        interpreter.setOnAction(e -> askInterpreter());
        return List.of(embedded, local, connect, reconnect, interpreter);
    }

    /**
     * Puts the choices at the end of the bar's Kernel menu (the one with id {@code kernel-menu}),
     * after a separator, or into a Kernel menu of their own when the bar has none.
     */
    public void addTo(MenuBar bar) {
        for (Menu menu : bar.getMenus()) {
            if ("kernel-menu".equals(menu.getId())) {
                menu.getItems().add(new SeparatorMenuItem());
                menu.getItems().addAll(items());
                return;
            }
        }
        Menu menu = new Menu("Kernel");
        menu.setId("kernel-menu");
        menu.getItems().addAll(items());
        bar.getMenus().add(menu);
    }

    /** Asks for a URL and token (the URL prefilled when a file names one), then connects. */
    public void askAndConnect(String url) {
        connectionDialog(url == null ? lastUrl : url).ifPresent(this::connect);
    }

    /** Connects to a server in the background; errors are shown and change nothing. */
    public void connect(Connection connection) {
        lastUrl = connection.url();
        lastToken = connection.token();
        use(() -> connector.connect(connection.url(), connection.token()));
    }

    public void startLocalPython() {
        use(connector::startLocalPython);
    }

    /** Connects again to the current server (or restarts the local Python). */
    public void reconnect() {
        KernelChoice choice = shell.kernelChoice();
        if (choice == null || choice.kind().equals(dev.forkbook.kernel.KernelDescription.JYTHON)) {
            return;
        }
        if (KernelChoice.LOCAL_PYTHON.equals(choice.kind())) {
            startLocalPython();
        } else {
            connect(new Connection(choice.url(), lastToken));
        }
    }

    /** A reopened notebook names the kernel it ran on: offer the same again. */
    public void offer(KernelChoice choice) {
        if (KernelChoice.LOCAL_PYTHON.equals(choice.kind())) {
            startLocalPython();
        } else if (choice.url() != null) {
            askAndConnect(choice.url());
        }
    }

    private void use(Starter starter) {
        shell.setKernelStatus("Connecting…");
        background.execute(() -> {
            try {
                Kernel kernel = starter.start();
                fx.execute(() -> shell.useKernel(kernel, connector.choiceFor(kernel)));
            } catch (KernelConnector.Unavailable | RuntimeException e) {
                fx.execute(() -> {
                    shell.setKernelStatus(null);
                    dialogs.showError("Kernel not available", e.getMessage());
                });
            }
        });
    }

    @FunctionalInterface
    private interface Starter {
        Kernel start() throws KernelConnector.Unavailable;
    }

    private Optional<Connection> connectionDialog(String url) {
        Dialog<Connection> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Connect to kernel");
        dialog.setHeaderText("A Forkbook server (forkbook serve) or the snapshot-kernel seed");
        TextField urlField = new TextField(url);
        urlField.setId("connect-url");
        urlField.setPrefColumnCount(28);
        PasswordField tokenField = new PasswordField();
        tokenField.setId("connect-token");
        tokenField.setText(lastToken);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("URL"), urlField);
        grid.addRow(1, new Label("Token"), tokenField);
        dialog.getDialogPane().setContent(grid);
        ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(connect, ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == connect
                ? new Connection(urlField.getText().strip(), tokenField.getText()) : null);
        return dialog.showAndWait();
    }

    private void askInterpreter() {
        TextInputDialog dialog = new TextInputDialog(connector.pythonInterpreter());
        dialog.initOwner(owner);
        dialog.setTitle("Python interpreter");
        dialog.setHeaderText("The interpreter \"Python 3 (local)\" runs, such as python3 or "
                + "/usr/bin/python3");
        dialog.showAndWait().map(String::strip).filter(text -> !text.isEmpty())
                .ifPresent(connector::setPythonInterpreter);
    }
}
