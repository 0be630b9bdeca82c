package dev.forkbook.ui.compare;

import dev.forkbook.kernel.DiffRequest;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.StateDiff;
import dev.forkbook.kernel.StateInfo;
import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.NotebookTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the compare view shows: the variables of node B's state against node A's, the rows of the
 * selected variable one page at a time, and the cells of both paths. The diff runs on the background
 * executor; results land on the FX executor.
 */
public final class CompareModel {

    /** Rows of a variable's detail per page. */
    public static final int PAGE_SIZE = 100;

    /** How a variable differs between the two states. */
    public enum Status {
        ADDED, REMOVED, CHANGED, UNCHANGED, SAME_OBJECT
    }

    /** One variable of the comparison. */
    public record VariableRow(String name, Status status, String a, String b) {
    }

    private final Kernel kernel;
    private final NotebookTree tree;
    private final Executor background;
    private final Executor fx;
    private final ObservableList<VariableRow> variables = FXCollections.observableArrayList();
    private final ObservableList<StateDiff.Row> detailRows = FXCollections.observableArrayList();
    /** One wrapper each for all callers: listeners on a dropped wrapper would be collected with it. */
    private final ObservableList<VariableRow> readOnlyVariables =
            FXCollections.unmodifiableObservableList(variables);
    private final ObservableList<StateDiff.Row> readOnlyDetailRows =
            FXCollections.unmodifiableObservableList(detailRows);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper selected = new ReadOnlyStringWrapper();
    private final ReadOnlyIntegerWrapper pageOffset = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper totalRows = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<StateDiff> diff = new ReadOnlyObjectWrapper<>();
    private String nodeA;
    private String nodeB;
    private int request;

    public CompareModel(Kernel kernel, NotebookTree tree, Executor background, Executor fx) {
        this.kernel = kernel;
        this.tree = tree;
        this.background = background;
        this.fx = fx;
    }

    /** Compares node {@code b}'s state with node {@code a}'s (both must be live). */
    public void compare(String a, String b) {
        nodeA = a;
        nodeB = b;
        variables.clear();
        detailRows.clear();
        selected.set(null);
        diff.set(null);
        String stateA = tree.kernelStateFor(a);
        String stateB = tree.kernelStateFor(b);
        if (stateA == null || stateB == null) {
            message.set("Not live: run or rebuild " + (stateA == null ? title(a) : title(b))
                    + " first.");
            return;
        }
        message.set("Comparing…");
        inBackground(() -> withValues(kernel.diff(DiffRequest.of(stateA, stateB))), this::show);
    }

    /** A diff with the values the diff itself does not carry: A's removed and B's added ones. */
    private record Compared(StateDiff diff, Map<String, String> valuesA,
            Map<String, String> valuesB) {
    }

    private Compared withValues(StateDiff result) {
        return new Compared(result, result.removed().isEmpty() ? Map.of() : values(result.a()),
                result.added().isEmpty() ? Map.of() : values(result.b()));
    }

    /** The capped reprs of a state's variables (empty when the state is gone meanwhile). */
    private Map<String, String> values(String state) {
        Map<String, String> values = new HashMap<>();
        kernel.getState(state).map(StateInfo::variables).ifPresent(variables -> variables.forEach(
                (name, info) -> values.put(name, info.repr())));
        return values;
    }

    private void show(Compared compared) {
        StateDiff result = compared.diff();
        diff.set(result);
        List<VariableRow> rows = new ArrayList<>();
        result.added().forEach(name -> rows.add(new VariableRow(name, Status.ADDED, null,
                compared.valuesB().get(name))));
        result.removed().forEach(name -> rows.add(new VariableRow(name, Status.REMOVED,
                compared.valuesA().get(name), null)));
        result.changed().forEach((name, change) -> rows.add(new VariableRow(name, Status.CHANGED,
                change.reprA(), change.reprB())));
        for (String name : result.unchanged()) {
            rows.add(new VariableRow(name, result.sameObject().contains(name) ? Status.SAME_OBJECT
                    : Status.UNCHANGED, null, null));
        }
        variables.setAll(rows);
        message.set(String.format("%d added, %d removed, %d changed, %d unchanged (%d the same "
                + "object)", result.added().size(), result.removed().size(),
                result.changed().size(), result.unchanged().size(), result.sameObject().size()));
        result.changed().keySet().stream().findFirst().ifPresent(this::select);
    }

    /** Shows the first page of a changed variable's rows; other variables have no rows. */
    public void select(String variable) {
        selected.set(variable);
        StateDiff current = diff.get();
        StateDiff.VariableChange change = current == null ? null : current.changed().get(variable);
        if (change == null) {
            detailRows.clear();
            pageOffset.set(0);
            totalRows.set(0);
            return;
        }
        showPage(change.detail());
    }

    public void nextPage() {
        if (pageOffset.get() + PAGE_SIZE < totalRows.get()) {
            loadPage(pageOffset.get() + PAGE_SIZE);
        }
    }

    public void previousPage() {
        if (pageOffset.get() > 0) {
            loadPage(Math.max(0, pageOffset.get() - PAGE_SIZE));
        }
    }

    private void loadPage(int offset) {
        StateDiff current = diff.get();
        String variable = selected.get();
        if (current == null || variable == null) {
            return;
        }
        inBackground(() -> kernel.diff(new DiffRequest(current.a(), current.b(), variable, offset,
                PAGE_SIZE)), page -> {
                    StateDiff.VariableChange change = page.changed().get(variable);
                    if (change != null && variable.equals(selected.get())) {
                        showPage(change.detail());
                    }
                });
    }

    private void showPage(StateDiff.Detail detail) {
        List<StateDiff.Row> rows = detail.rows();
        detailRows.setAll(rows.size() > PAGE_SIZE ? rows.subList(0, PAGE_SIZE) : rows);
        pageOffset.set(detail.offset());
        totalRows.set(detail.totalRows());
    }

    /** The code cells from the root to node A (or B), for the outputs side by side. */
    public List<CellNode> pathA() {
        return codePath(nodeA);
    }

    public List<CellNode> pathB() {
        return codePath(nodeB);
    }

    private List<CellNode> codePath(String id) {
        if (id == null || !tree.contains(id)) {
            return List.of();
        }
        return tree.pathTo(id).stream().filter(node -> !node.isRoot())
                .filter(node -> node.kind() == CellKind.CODE).toList();
    }

    public String title(String id) {
        if (id == null || !tree.contains(id)) {
            return "?";
        }
        CellNode node = tree.get(id);
        return node.isRoot() ? "initial" : node.title();
    }

    public String nodeA() {
        return nodeA;
    }

    public String nodeB() {
        return nodeB;
    }

    public ObservableList<VariableRow> variables() {
        return readOnlyVariables;
    }

    public ObservableList<StateDiff.Row> detailRows() {
        return readOnlyDetailRows;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pageOffsetProperty() {
        return pageOffset.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalRowsProperty() {
        return totalRows.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StateDiff> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    /** Runs {@code work} off the FX thread; only the answer to the latest request is shown. */
    private <T> void inBackground(Supplier<T> work, java.util.function.Consumer<T> then) {
        int mine = ++request;
        background.execute(() -> {
            try {
                T result = work.get();
                fx.execute(() -> {
                    if (mine == request) {
                        then.accept(result);
                    }
                });
            } catch (RuntimeException e) {
                fx.execute(() -> message.set("Compare failed: " + e.getMessage()));
            }
        });
    }
}
