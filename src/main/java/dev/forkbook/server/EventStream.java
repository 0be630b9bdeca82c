package dev.forkbook.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.KernelEvent;
import io.javalin.http.sse.SseClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: kernel events as server-sent events, one JSON object per event, named by
 * {@link KernelEvent#type()}. Clients (the desktop app, remote tools) follow the kernel through it.
 *
 * <p>The kernel never waits for a subscriber: each one has its own bounded buffer drained by its own
 * sender thread, and a subscriber whose buffer is full (it stopped reading) is dropped.
 */
final class EventStream {

    /** Events a subscriber may fall behind by before it is dropped. */
    static final int DEFAULT_BUFFER = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final Object CLOSE = new Object();

    private final Kernel kernel;
    private final ObjectMapper mapper;
    private final int bufferSize;
    private final AtomicInteger subscriberCount = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();

    EventStream(Kernel kernel, ObjectMapper mapper, int bufferSize) {
        this.kernel = kernel;
        this.mapper = mapper;
        this.bufferSize = bufferSize;
    }

    /** Subscribers currently connected (for tests and diagnostics). */
    int subscribers() {
        return subscriberCount.get();
    }

    void connect(SseClient client) {
        client.keepAlive();
        Subscriber subscriber = new Subscriber(client);
        subscriber.subscription = kernel.subscribe(subscriber::offer);
        client.onClose(subscriber::stop);
        subscriberCount.incrementAndGet();
        subscriber.start();
    }

    /** One SSE client: a bounded queue of serialised events and the thread that writes them. */
    private final class Subscriber implements Runnable {

        private final SseClient client;
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(bufferSize + 1);
        private final AtomicBoolean stopped = new AtomicBoolean();
        private volatile Kernel.Subscription subscription;

        Subscriber(SseClient client) {
            this.client = client;
        }

        void start() {
            Thread sender = new Thread(this, "forkbook-sse-" + sequence.incrementAndGet());
            sender.setDaemon(true);
            sender.start();
        }

        /** Called on the kernel's side: never blocks. */
        void offer(KernelEvent event) {
            if (stopped.get()) {
                return;
            }
            if (queue.size() >= bufferSize || !queue.offer(event)) {
                LOG.warn("Dropping an /events subscriber that fell {} events behind", bufferSize);
                stop();
                // Closing may block on a stalled connection: do it off the kernel's thread.
                Thread closer = new Thread(this::closeClient, "forkbook-sse-close");
                closer.setDaemon(true);
                closer.start();
            }
        }

        void stop() {
            if (stopped.compareAndSet(false, true)) {
                subscriberCount.decrementAndGet();
                Kernel.Subscription current = subscription;
                if (current != null) {
                    current.close();
                }
                queue.clear();
                queue.offer(CLOSE);
            }
        }

        @Override
        public void run() {
            try {
                client.sendComment("connected");
                while (!stopped.get()) {
                    Object item = queue.poll(15, TimeUnit.SECONDS);
                    if (item == CLOSE || stopped.get()) {
                        break;
                    }
                    if (client.terminated()) {
                        stop();
                        break;
                    }
                    if (item == null) {
                        client.sendComment("ping");
                    } else {
                        send((KernelEvent) item);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.debug("An /events subscriber went away", e);
            } finally {
                stop();
                closeClient();
            }
        }

        private void send(KernelEvent event) {
            String data;
            try {
                data = mapper.writeValueAsString(payload(event));
            } catch (JsonProcessingException e) {
                LOG.error("Cannot serialise the event {}", event.type(), e);
                return;
            }
            client.sendEvent(event.type(), data);
        }

        private void closeClient() {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing an /events subscriber failed", e);
            }
        }
    }

    static Map<String, Object> payload(KernelEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", event.type());
        if (event instanceof KernelEvent.StateCreated created) {
            json.put("state", Dtos.node(created.state()));
        } else if (event instanceof KernelEvent.StateDeleted deleted) {
            json.put("name", deleted.name());
        } else if (event instanceof KernelEvent.ExecutionStarted started) {
            json.put("exec_id", started.execId());
            json.put("state_name", started.stateName());
            json.put("code", started.code());
        } else if (event instanceof KernelEvent.DisplayUpdated update) {
            json.put("display_id", update.displayId());
            json.put("output", Dtos.output(update.output()));
        } else if (event instanceof KernelEvent.OutputProduced produced) {
            json.put("exec_id", produced.execId());
            json.put("output", Dtos.output(produced.output()));
        } else if (event instanceof KernelEvent.OutputCleared cleared) {
            json.put("exec_id", cleared.execId());
            json.put("wait", cleared.waitForNext());
        } else if (event instanceof KernelEvent.StatusChanged changed) {
            json.put("status", changed.status().name().toLowerCase(java.util.Locale.ROOT));
            json.put("detail", changed.detail());
        } else if (event instanceof KernelEvent.StateEvicted evicted) {
            json.put("name", evicted.name());
        } else if (event instanceof KernelEvent.StateRebuilt rebuilt) {
            json.put("name", rebuilt.name());
            json.put("outputs_changed", rebuilt.outputsChanged());
        } else if (event instanceof KernelEvent.ExecutionFinished finished) {
            json.put("exec_id", finished.execId());
            json.put("result", Dtos.execution(finished.result()));
        }
        return json;
    }
}
