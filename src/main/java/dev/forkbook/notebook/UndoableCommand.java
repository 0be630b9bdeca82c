package dev.forkbook.notebook;

/** A document edit that can be taken back. */
public interface UndoableCommand {

    void execute();

    void undo();

    /** What the edit did, for menus ("Undo delete branch"). */
    String description();
}
