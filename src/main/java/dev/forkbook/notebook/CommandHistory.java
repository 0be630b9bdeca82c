package dev.forkbook.notebook;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Executes document edits and keeps them for undo and redo. */
public final class CommandHistory {

    private final Deque<UndoableCommand> done = new ArrayDeque<>();
    private final Deque<UndoableCommand> undone = new ArrayDeque<>();

    public void execute(UndoableCommand command) {
        command.execute();
        done.push(command);
        undone.clear();
    }

    /** Keeps an edit that has already happened (a re-run that finished) for undo. */
    public void record(UndoableCommand command) {
        done.push(command);
        undone.clear();
    }

    public boolean canUndo() {
        return !done.isEmpty();
    }

    public boolean canRedo() {
        return !undone.isEmpty();
    }

    /** The description of what {@link #undo()} would take back. */
    public Optional<String> undoDescription() {
        return Optional.ofNullable(done.peek()).map(UndoableCommand::description);
    }

    public void undo() {
        UndoableCommand command = done.pop();
        command.undo();
        undone.push(command);
    }

    public void redo() {
        UndoableCommand command = undone.pop();
        command.execute();
        done.push(command);
    }
}
