package dev.forkbook.notebook;

/** Hears every change of a {@link NotebookTree}, on the thread that made it. */
public interface TreeListener {

    void added(CellNode node);

    void updated(CellNode before, CellNode after);

    void removed(CellNode node);

    /** The whole tree was replaced (reset, open). */
    default void reloaded() {
    }
}
