package dev.forkbook.kernel.jython;

import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.kernel.Output;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The outputs of one execution in the order they happened, published live while the cell runs and
 * bounded in total.
 *
 * <p>Consecutive writes to the same stream are merged into one stream output, as Jupyter front ends
 * do. Stream text (stdout and stderr together) is capped per execution: the first half of the cap is
 * kept and streamed live; after that only the most recent half is kept, in a ring of chunks, and the
 * final outputs read head, one marker saying how much was dropped, tail. That keeps both where a long
 * output starts and where its errors and results are, in bounded memory.
 *
 * <p>Live text is coalesced: writes within {@link #FLUSH_DELAY_MS} go out as one {@code output}
 * event, so a tight print loop costs one event per interval, not one per line.
 */
final class OutputCollector {

    /** How long stream text waits to be coalesced with later writes before it is published. */
    static final long FLUSH_DELAY_MS = 50;

    private final String execId;
    private final int headBudget;
    private final int tailBudget;
    private final Consumer<KernelEvent> events;
    private final ScheduledExecutorService flusher;

    private final List<Object> items = new ArrayList<>();
    private final ArrayDeque<Object> tail = new ArrayDeque<>();
    private final List<Output> keptAfterMarker = new ArrayList<>();
    private long headChars;
    private long tailChars;
    private long droppedChars;
    private boolean overflowed;
    private boolean clearBeforeNextOutput;

    private String pendingStream;
    private final StringBuilder pending = new StringBuilder();
    private ScheduledFuture<?> scheduledFlush;

    /**
     * @param maxStreamChars the cap on stdout + stderr text of this execution
     * @param events where live {@code output} and {@code clear_output} events go; null for none
     * @param flusher runs the delayed publication of coalesced stream text
     */
    OutputCollector(String execId, int maxStreamChars, Consumer<KernelEvent> events,
            ScheduledExecutorService flusher) {
        this.execId = execId;
        this.headBudget = maxStreamChars / 2;
        this.tailBudget = maxStreamChars - headBudget;
        this.events = events;
        this.flusher = flusher;
    }

    /** A collector that publishes nothing and keeps everything up to the usual cap (housekeeping). */
    static OutputCollector quiet(int maxStreamChars) {
        return new OutputCollector(null, maxStreamChars, null, null);
    }

    synchronized void write(String stream, String text) {
        if (text.isEmpty()) {
            return;
        }
        clearIfWaiting();
        if (!overflowed) {
            long room = headBudget - headChars;
            if (text.length() <= room) {
                appendHead(stream, text);
                queueLive(stream, text);
                return;
            }
            int cut = safeCut(text, (int) room);
            appendHead(stream, text.substring(0, cut));
            queueLive(stream, text.substring(0, cut));
            overflowed = true;
            queueLive(stream, "\n[... output beyond " + String.format("%,d", headBudget)
                    + " characters is cut; its last part shows when the cell ends ...]\n");
            flushLive();
            text = text.substring(cut);
        }
        appendTail(stream, text);
    }

    synchronized void add(Output output) {
        clearIfWaiting();
        flushLive();
        if (overflowed) {
            tail.add(output);
        } else {
            items.add(output);
        }
        publish(new KernelEvent.OutputProduced(execId, output));
    }

    /**
     * Replaces this execution's outputs that carry {@code displayId}; returns false when it showed
     * none (the id belongs to an earlier execution).
     */
    synchronized boolean replaceDisplay(String displayId, Output.DisplayData replacement) {
        boolean replaced = replaceIn(items, displayId, replacement)
                | replaceIn(keptAfterMarker, displayId, replacement);
        List<Object> tailItems = new ArrayList<>(tail);
        if (replaceIn(tailItems, displayId, replacement)) {
            tail.clear();
            tail.addAll(tailItems);
            replaced = true;
        }
        return replaced;
    }

    private static <T> boolean replaceIn(List<T> list, String displayId,
            Output.DisplayData replacement) {
        boolean replaced = false;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Output.DisplayData shown
                    && displayId.equals(shown.displayId())) {
                @SuppressWarnings("unchecked")
                T same = (T) replacement;
                list.set(i, same);
                replaced = true;
            }
        }
        return replaced;
    }

    /** {@code clear_output()}: drops the outputs so far, now or (wait) when the next one arrives. */
    synchronized void clear(boolean wait) {
        flushLive();
        if (wait) {
            clearBeforeNextOutput = true;
        } else {
            clearAll();
        }
        publish(new KernelEvent.OutputCleared(execId, wait));
    }

    /** Publishes stream text still waiting to be coalesced; call when the cell has ended. */
    synchronized void finish() {
        flushLive();
    }

    private void clearIfWaiting() {
        if (clearBeforeNextOutput) {
            clearBeforeNextOutput = false;
            clearAll();
        }
    }

    private void clearAll() {
        items.clear();
        tail.clear();
        keptAfterMarker.clear();
        headChars = 0;
        tailChars = 0;
        droppedChars = 0;
        overflowed = false;
    }

    private void appendHead(String stream, String text) {
        headChars += text.length();
        if (!items.isEmpty() && items.get(items.size() - 1) instanceof StreamBuffer last
                && last.name.equals(stream)) {
            last.text.append(text);
        } else {
            items.add(new StreamBuffer(stream, new StringBuilder(text)));
        }
    }

    /** Keeps the newest {@code tailBudget} characters as chunks, dropping the oldest whole. */
    private void appendTail(String stream, String text) {
        if (text.length() > tailBudget) {
            int cut = safeCut(text, text.length() - tailBudget);
            droppedChars += cut;
            text = text.substring(cut);
        }
        tail.add(new Chunk(stream, text));
        tailChars += text.length();
        while (tailChars > tailBudget) {
            Object first = tail.pollFirst();
            if (first instanceof Chunk chunk) {
                long excess = tailChars - tailBudget;
                if (chunk.text.length() <= excess) {
                    tailChars -= chunk.text.length();
                    droppedChars += chunk.text.length();
                } else {
                    int cut = safeCut(chunk.text, (int) excess);
                    tailChars -= cut;
                    droppedChars += cut;
                    tail.addFirst(new Chunk(chunk.name, chunk.text.substring(cut)));
                }
            } else {
                // Rich outputs are bounded one by one; they stay, just before the kept tail.
                keptAfterMarker.add((Output) first);
            }
        }
    }

    /** An index at most {@code at} that does not split a surrogate pair. */
    private static int safeCut(String text, int at) {
        if (at > 0 && at < text.length() && Character.isHighSurrogate(text.charAt(at - 1))
                && Character.isLowSurrogate(text.charAt(at))) {
            return at - 1;
        }
        return at;
    }

    private void queueLive(String stream, String text) {
        if (events == null) {
            return;
        }
        if (pendingStream != null && !pendingStream.equals(stream)) {
            flushLive();
        }
        pendingStream = stream;
        pending.append(text);
        if (scheduledFlush == null && flusher != null) {
            scheduledFlush = flusher.schedule(this::finish, FLUSH_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void flushLive() {
        if (scheduledFlush != null) {
            scheduledFlush.cancel(false);
            scheduledFlush = null;
        }
        if (pending.length() > 0) {
            publish(new KernelEvent.OutputProduced(execId,
                    new Output.Stream(pendingStream, pending.toString())));
            pending.setLength(0);
        }
        pendingStream = null;
    }

    private void publish(KernelEvent event) {
        if (events != null) {
            events.accept(event);
        }
    }

    synchronized List<Output> outputs() {
        OutputList outputs = new OutputList();
        for (Object item : items) {
            if (item instanceof StreamBuffer buffer) {
                outputs.stream(buffer.name, buffer.text);
            } else {
                outputs.add((Output) item);
            }
        }
        if (overflowed) {
            outputs.stream(firstTailStream(), "\n[... " + String.format("%,d", droppedChars)
                    + " characters of output dropped ...]\n");
            keptAfterMarker.forEach(outputs::add);
            for (Object item : tail) {
                if (item instanceof Chunk chunk) {
                    outputs.stream(chunk.name, chunk.text);
                } else {
                    outputs.add((Output) item);
                }
            }
        }
        return outputs.done();
    }

    private String firstTailStream() {
        for (Object item : tail) {
            if (item instanceof Chunk chunk) {
                return chunk.name;
            }
        }
        return "stdout";
    }

    /** Builds the output list, merging consecutive text of one stream in one buffer. */
    private static final class OutputList {
        private final List<Output> outputs = new ArrayList<>();
        private String streamName;
        private final StringBuilder streamText = new StringBuilder();

        void stream(String name, CharSequence text) {
            if (!name.equals(streamName)) {
                endStream();
                streamName = name;
            }
            streamText.append(text);
        }

        void add(Output output) {
            endStream();
            outputs.add(output);
        }

        List<Output> done() {
            endStream();
            return outputs;
        }

        private void endStream() {
            if (streamName != null) {
                outputs.add(new Output.Stream(streamName, streamText.toString()));
                streamText.setLength(0);
                streamName = null;
            }
        }
    }

    private record StreamBuffer(String name, StringBuilder text) {
    }

    private record Chunk(String name, String text) {
    }
}
