package dev.forkbook.notebook;

import dev.forkbook.kernel.Kernel;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The notebook document: a tree of cells under a root that stands for the kernel's {@code initial}
 * state. Siblings keep the order they were added in (time order). Not thread-safe: one thread (the UI
 * thread in the app) owns it.
 */
public final class NotebookTree {

    public static final String ROOT_ID = Kernel.INITIAL_STATE;

    private final Map<String, CellNode> nodes = new HashMap<>();
    private final Map<String, List<String>> children = new LinkedHashMap<>();
    private final List<TreeListener> listeners = new CopyOnWriteArrayList<>();
    /** Names the user gave nodes; kept when a node is removed so that undo brings it back named. */
    private final Map<String, String> labels = new HashMap<>();
    /** Nodes whose subtree the graph hides; saved with the notebook. */
    private final java.util.Set<String> collapsed = new java.util.HashSet<>();
    /** Why a node is not live, when that happened in this window (not when it came from a file). */
    private final Map<String, String> notLiveReasons = new HashMap<>();

    public NotebookTree() {
        putRoot();
    }

    private void putRoot() {
        CellNode root = new CellNode(ROOT_ID, null, CellKind.CODE, "", CellStatus.OK, List.of(), null,
                null, null, Instant.now(), 0, false);
        nodes.put(ROOT_ID, root);
        children.put(ROOT_ID, new ArrayList<>());
    }

    public void addListener(TreeListener listener) {
        listeners.add(listener);
    }

    public CellNode root() {
        return nodes.get(ROOT_ID);
    }

    public boolean contains(String id) {
        return nodes.containsKey(id);
    }

    public CellNode get(String id) {
        CellNode node = nodes.get(id);
        if (node == null) {
            throw new NoSuchElementException("no cell " + id);
        }
        return node;
    }

    public int size() {
        return nodes.size();
    }

    /** Children of a node, oldest first. */
    public List<CellNode> children(String id) {
        List<CellNode> result = new ArrayList<>();
        for (String child : children.getOrDefault(id, List.of())) {
            result.add(nodes.get(child));
        }
        return result;
    }

    /** The ids of a node's children, oldest first (a read-only view; no copy). */
    public List<String> childIds(String id) {
        List<String> ids = children.get(id);
        return ids == null ? List.of() : java.util.Collections.unmodifiableList(ids);
    }

    /** The cells from the root's first child down to {@code id}, in order (the notebook view). */
    public List<CellNode> pathTo(String id) {
        Deque<CellNode> path = new ArrayDeque<>();
        for (CellNode node = get(id); !node.isRoot(); node = get(node.parentId())) {
            path.addFirst(node);
        }
        return new ArrayList<>(path);
    }

    /**
     * The kernel state a child of {@code id} runs from: the nearest ancestor-or-self that is live,
     * skipping cells that hold no state (markdown, failed and pending cells); null when that walk
     * meets a cell whose state is gone or still being computed.
     */
    public String kernelStateFor(String id) {
        CellNode node = stateHolderFor(id);
        return node.isLive() ? node.id() : null;
    }

    /**
     * The cell whose kernel state a child of {@code id} would run from: the nearest ancestor-or-self
     * that is not markdown, failed or pending (so live, running or not live; the root at worst).
     */
    public CellNode stateHolderFor(String id) {
        for (CellNode node = get(id); ; node = get(node.parentId())) {
            if (node.isRoot() || !holdsNoState(node)) {
                return node;
            }
        }
    }

    /** Markdown, failed and pending cells: a cell below them runs from the state above them. */
    static boolean holdsNoState(CellNode node) {
        return node.kind() == CellKind.MARKDOWN || node.status() == CellStatus.ERROR
                || node.status() == CellStatus.PENDING;
    }

    /** Records why {@code id} is not live ("the kernel was restarted"), for the banner. */
    public void notLiveBecause(String id, String reason) {
        notLiveReasons.put(id, reason);
    }

    /**
     * Why {@code id} is not live: the recorded reason, else "the notebook was opened from a file"
     * (the one way a node becomes not live without a recorded reason).
     */
    public String notLiveReason(String id) {
        return notLiveReasons.getOrDefault(id, "the notebook was opened from a file");
    }

    /** The name the user gave a node (shown in the graph instead of its first line), or null. */
    public String label(String id) {
        return labels.get(id);
    }

    /** Whether the graph hides the nodes below this one. */
    public boolean isCollapsed(String id) {
        return collapsed.contains(id);
    }

    /** The collapsed nodes (a read-only view; may name removed nodes, which undo brings back). */
    public java.util.Set<String> collapsedIds() {
        return java.util.Collections.unmodifiableSet(collapsed);
    }

    /**
     * Hides or shows the nodes below a node in the graph. Listeners hear a change as an update of
     * the node (it is saved with the notebook).
     */
    public void setCollapsed(String id, boolean hide) {
        CellNode node = get(id);
        if (hide ? collapsed.add(id) : collapsed.remove(id)) {
            listeners.forEach(l -> l.updated(node, node));
        }
    }

    /** Names a node; a blank label removes the name. Listeners hear it as an update of the node. */
    public void setLabel(String id, String label) {
        CellNode node = get(id);
        if (label == null || label.isBlank()) {
            labels.remove(id);
        } else {
            labels.put(id, label.strip());
        }
        listeners.forEach(l -> l.updated(node, node));
    }

    /** Adds a new node; its parent must exist and its id must be new. */
    public void add(CellNode node) {
        if (node.isRoot() || !nodes.containsKey(node.parentId())) {
            throw new IllegalArgumentException("parent " + node.parentId() + " does not exist");
        }
        if (nodes.containsKey(node.id())) {
            throw new IllegalArgumentException("cell " + node.id() + " exists already");
        }
        nodes.put(node.id(), node);
        children.get(node.parentId()).add(node.id());
        children.put(node.id(), new ArrayList<>());
        listeners.forEach(l -> l.added(node));
    }

    /** Replaces a node by a changed version of itself (same id and parent). */
    public void update(CellNode node) {
        CellNode before = get(node.id());
        if (!java.util.Objects.equals(before.parentId(), node.parentId())) {
            throw new IllegalArgumentException("a cell cannot move");
        }
        nodes.put(node.id(), node);
        listeners.forEach(l -> l.updated(before, node));
    }

    /**
     * Removes a node and everything below it; returns the removed nodes parents-first, which
     * {@link #restore(List, int)} puts back.
     */
    public List<CellNode> removeSubtree(String id) {
        CellNode top = get(id);
        if (top.isRoot()) {
            throw new IllegalArgumentException("the root cannot be removed");
        }
        List<CellNode> removed = new ArrayList<>();
        Deque<String> pending = new ArrayDeque<>(List.of(id));
        while (!pending.isEmpty()) {
            String next = pending.poll();
            removed.add(nodes.get(next));
            pending.addAll(children.get(next));
        }
        children.get(top.parentId()).remove(id);
        for (int i = removed.size() - 1; i >= 0; i--) {
            CellNode node = removed.get(i);
            nodes.remove(node.id());
            children.remove(node.id());
            listeners.forEach(l -> l.removed(node));
        }
        return removed;
    }

    /** The position of a node among its siblings. */
    public int siblingIndex(String id) {
        CellNode node = get(id);
        return children.get(node.parentId()).indexOf(id);
    }

    /** Puts back what {@link #removeSubtree} removed, the top node at sibling position {@code index}. */
    public void restore(List<CellNode> removed, int index) {
        CellNode top = removed.get(0);
        List<String> siblings = children.get(top.parentId());
        nodes.put(top.id(), top);
        siblings.add(Math.min(index, siblings.size()), top.id());
        children.put(top.id(), new ArrayList<>());
        listeners.forEach(l -> l.added(top));
        for (CellNode node : removed.subList(1, removed.size())) {
            add(node);
        }
    }

    /** Every node, parents before children, siblings in time order. */
    public List<CellNode> depthFirst() {
        List<CellNode> order = new ArrayList<>();
        Deque<String> pending = new ArrayDeque<>(List.of(ROOT_ID));
        while (!pending.isEmpty()) {
            String next = pending.pop();
            order.add(nodes.get(next));
            List<String> kids = children.get(next);
            for (int i = kids.size() - 1; i >= 0; i--) {
                pending.push(kids.get(i));
            }
        }
        return order;
    }
}
