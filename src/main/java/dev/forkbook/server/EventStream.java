package dev.forkbook.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.KernelEvent;
import io.javalin.http.sse.SseClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /events}: kernel events as server-sent events, one JSON object per event, named by
 * {@link KernelEvent#type()}. Clients (the desktop app, remote tools) follow the kernel through it.
 */
final class EventStream {

    private final Kernel kernel;
    private final ObjectMapper mapper;

    EventStream(Kernel kernel, ObjectMapper mapper) {
        this.kernel = kernel;
        this.mapper = mapper;
    }

    void connect(SseClient client) {
        client.keepAlive();
        Kernel.Subscription subscription = kernel.subscribe(event -> send(client, event));
        client.onClose(subscription::close);
        synchronized (client) {
            client.sendComment("connected");
        }
    }

    private void send(SseClient client, KernelEvent event) {
        String data;
        try {
            data = mapper.writeValueAsString(payload(event));
        } catch (JsonProcessingException e) {
            return;
        }
        synchronized (client) {
            if (!client.terminated()) {
                client.sendEvent(event.type(), data);
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
        } else if (event instanceof KernelEvent.ExecutionFinished finished) {
            json.put("exec_id", finished.execId());
            json.put("result", Dtos.execution(finished.result()));
        }
        return json;
    }
}
