package dev.forkbook.ui.tree;

import dev.forkbook.notebook.CellKind;
import dev.forkbook.notebook.CellNode;
import dev.forkbook.notebook.CellStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javafx.css.PseudoClass;

/**
 * The one place that says how a node's {@link CellStatus} and kind are shown in the graph: which CSS
 * pseudo-classes its row gets, what word it shows, and its label text. Every status value gets a
 * pseudo-class named after it ({@code NOT_LIVE} is {@code :not-live}), so statuses added to the
 * notebook model later are styled by adding a CSS rule, not code.
 */
public final class NodeStatus {

    private static final Map<CellStatus, PseudoClass> BY_STATUS = new EnumMap<>(CellStatus.class);
    static final PseudoClass MARKDOWN = PseudoClass.getPseudoClass("markdown");
    static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    /** Ids the notebook and the kernel make up; any other id of a code cell was named over REST. */
    private static final Pattern GENERATED_ID = Pattern.compile("c[0-9a-f]{12}|[0-9a-f]{32}");

    static {
        for (CellStatus status : CellStatus.values()) {
            BY_STATUS.put(status, PseudoClass.getPseudoClass(cssName(status)));
        }
    }

    private NodeStatus() {
    }

    static String cssName(CellStatus status) {
        return status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Every pseudo-class a row may get, to clear a recycled cell. */
    static List<PseudoClass> all() {
        List<PseudoClass> all = new ArrayList<>(BY_STATUS.values());
        all.add(MARKDOWN);
        all.add(ERROR);
        return all;
    }

    /**
     * The pseudo-classes of a node: its status, {@code :markdown}, and {@code :error} also for a
     * failed cell reopened from a file (not live, but its error is kept).
     */
    public static List<PseudoClass> pseudoClasses(CellNode node) {
        return pseudoClasses(node, false);
    }

    /**
     * The pseudo-classes of a node whose kernel state may have been evicted (memory budget): an
     * evicted cell that ran is drawn as {@code :not-live}.
     */
    public static List<PseudoClass> pseudoClasses(CellNode node, boolean evicted) {
        List<PseudoClass> classes = new ArrayList<>(3);
        classes.add(BY_STATUS.get(evictedAsNotLive(node, evicted)));
        if (node.kind() == CellKind.MARKDOWN) {
            classes.add(MARKDOWN);
        }
        if (node.error() != null && node.status() != CellStatus.RUNNING) {
            classes.add(ERROR);
        }
        return classes;
    }

    private static CellStatus evictedAsNotLive(CellNode node, boolean evicted) {
        return evicted && node.status() == CellStatus.OK ? CellStatus.NOT_LIVE : node.status();
    }

    /** The word of a row whose state may have been evicted: "evicted" for a cell that ran. */
    public static String word(CellNode node, boolean evicted) {
        return evicted && node.status() == CellStatus.OK && node.kind() == CellKind.CODE
                ? "evicted" : word(node);
    }

    /** The word shown at the end of a row, empty for a cell that simply ran. */
    public static String word(CellNode node) {
        if (node.isRoot()) {
            return "";
        }
        if (node.kind() == CellKind.MARKDOWN) {
            return "markdown";
        }
        if (node.status() == CellStatus.RUNNING) {
            return "running";
        }
        if (node.error() != null) {
            return node.status() == CellStatus.ERROR ? "error" : "error, not live";
        }
        return switch (node.status().name()) {
            case "OK", "STATIC" -> "";
            default -> cssName(node.status()).replace('-', ' ');
        };
    }

    /** {@code [n]}, {@code [*]} while running, {@code [ ]} before it ran, {@code [md]} for markdown. */
    public static String count(CellNode node) {
        if (node.isRoot()) {
            return "";
        }
        if (node.status() == CellStatus.RUNNING) {
            return "[*]";
        }
        if (node.kind() == CellKind.MARKDOWN) {
            return "[md]";
        }
        return node.executionCount() == null ? "[ ]" : "[" + node.executionCount() + "]";
    }

    /** The state name to show: a code cell's id when it was given (over REST), else null. */
    public static String givenName(CellNode node) {
        if (node.isRoot() || node.kind() != CellKind.CODE || GENERATED_ID.matcher(node.id())
                .matches()) {
            return null;
        }
        return node.id();
    }
}
