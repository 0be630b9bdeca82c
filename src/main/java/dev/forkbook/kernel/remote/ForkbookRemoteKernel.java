package dev.forkbook.kernel.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.forkbook.kernel.BranchResult;
import dev.forkbook.kernel.DiffRequest;
import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.KernelDescription;
import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.kernel.Output;
import dev.forkbook.kernel.Provenance;
import dev.forkbook.kernel.StateInfo;
import dev.forkbook.kernel.StateDiff;
import dev.forkbook.kernel.StateSummary;
import dev.forkbook.kernel.UnknownStateException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Another Forkbook's kernel ({@code forkbook serve}): lineage from {@code GET /tree}, live changes
 * from the {@code GET /events} stream, completion from {@code POST /complete}.
 */
final class ForkbookRemoteKernel extends RemoteKernel {

    private static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(5);
    /** How the server begins a 404 about a state (a 404 without it: the route is missing). */
    private static final String STATE_NOT_FOUND = "State not found: ";

    private volatile InputStream events;

    ForkbookRemoteKernel(KernelHttp http) {
        super(http, new KernelDescription(KernelDescription.FORKBOOK,
                "Forkbook server at " + http.base(), http.base().toString(), true));
    }

    @Override
    ExecutionResult doExecute(ExecuteRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", request.code());
        body.put("exec_id", request.execId());
        body.put("state_name", request.stateName());
        if (request.newStateName() != null) {
            body.put("new_state_name", request.newStateName());
        }
        return Wire.result(http.call("POST", "/execute", body, null), 0);
    }

    /** {@code GET /diff}; a server older than it gets the client-side {@link ReprDiff}. */
    @Override
    public StateDiff diff(DiffRequest request) {
        StringBuilder path = new StringBuilder("/diff?a=").append(encode(request.a()))
                .append("&b=").append(encode(request.b()))
                .append("&offset=").append(request.offset())
                .append("&limit=").append(request.limit());
        if (request.variable() != null) {
            path.append("&variable=").append(encode(request.variable()));
        }
        KernelHttp.Answer answer = send("GET", path.toString());
        if (answer.status() == 404) {
            String message = KernelHttp.message(answer);
            if (message.startsWith(STATE_NOT_FOUND)) {
                throw new UnknownStateException(message.substring(STATE_NOT_FOUND.length()));
            }
            return super.diff(request);
        }
        check(answer, "GET /diff");
        return Wire.diff(answer.json());
    }

    /**
     * {@code POST /execute_many}: the server runs every branch at once. A server that cannot be
     * reached gives each branch the connection error; one older than the route gets one
     * {@code /execute} per state.
     */
    @Override
    public List<BranchResult> executeMany(String code, String execId, List<String> stateNames) {
        if (stateNames.isEmpty()) {
            return List.of();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("exec_id", execId);
        body.put("state_names", stateNames);
        try {
            KernelHttp.Answer answer = tracked(() -> http.send("POST", "/execute_many", body,
                    null));
            if (answer.status() == 404 && !KernelHttp.message(answer).startsWith(
                    STATE_NOT_FOUND)) {
                return executeEach(code, execId, stateNames);
            }
            check(answer, "POST /execute_many");
            List<BranchResult> results = new java.util.ArrayList<>();
            answer.json().path("results").forEach(result -> results.add(Wire.branch(result)));
            return results;
        } catch (RemoteKernelException e) {
            ExecutionResult failed = failed(e);
            return stateNames.stream().map(state -> new BranchResult(state, failed)).toList();
        }
    }

    @Override
    int nextCount() {
        return 0;
    }

    @Override
    public Optional<StateInfo> getState(String name) {
        return fetchState(name).map(json -> new StateInfo(Wire.summary(json),
                Wire.variables(json.get("variables"))));
    }

    /**
     * From {@code GET /states/{name}}: each variable's {@code written_by}, the cell's reads and writes
     * and whether it read what no writer tracks ({@code read_whole_namespace}, {@code reads_shared}).
     */
    @Override
    public Optional<Provenance> provenance(String stateName) {
        return fetchState(stateName).filter(json -> json.has("reads")).map(json -> {
            Map<String, String> writtenBy = new java.util.TreeMap<>();
            json.path("variables").properties().forEach(entry -> {
                String writer = Wire.text(entry.getValue().get("written_by"));
                if (writer != null) {
                    writtenBy.put(entry.getKey(), writer);
                }
            });
            // Servers older than the flags leave them out: read as "nothing untracked".
            return new Provenance(writtenBy, Wire.strings(json.get("reads")),
                    Wire.strings(json.get("writes")), json.path("read_whole_namespace").asBoolean(),
                    Wire.strings(json.get("reads_shared")));
        });
    }

    @Override
    public List<StateSummary> tree() {
        List<StateSummary> states = new java.util.ArrayList<>();
        call("GET", "/tree", null).path("states").forEach(node -> states.add(Wire.summary(node)));
        return states;
    }

    @Override
    public List<String> complete(String stateName, String prefix) {
        try {
            return Wire.strings(http.call("POST", "/complete",
                    Map.of("state_name", stateName, "prefix", prefix), COMPLETION_TIMEOUT)
                    .get("completions"));
        } catch (RemoteKernelException e) {
            // Completion is a convenience: an older server without the route, or a slow one,
            // simply offers nothing.
            return List.of();
        }
    }

    /** Follows {@code /events}; when the stream ends, waits for the server and follows it again. */
    @Override
    void watch() {
        boolean first = true;
        while (!closed()) {
            try {
                events = http.stream("/events");
                if (!first) {
                    restored();
                    tree().forEach(state -> emit(new KernelEvent.StateCreated(state)));
                }
                first = false;
                read(events);
            } catch (RemoteKernelException | IOException e) {
                if (closed()) {
                    return;
                }
                lost("Lost the connection to " + http.base() + ": " + e.getMessage());
            }
            if (!closed()) {
                lost("The event stream of " + http.base() + " ended.");
                first = false;
            }
            if (!pause(http.options().reconnectDelay())) {
                return;
            }
        }
    }

    private void read(InputStream stream) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream,
                StandardCharsets.UTF_8));
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (name != null && data.length() > 0) {
                    dispatch(name, data.toString());
                }
                name = null;
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
        }
    }

    private void dispatch(String name, String data) {
        JsonNode json;
        try {
            json = http.json.readTree(data);
        } catch (JsonProcessingException e) {
            return;
        }
        KernelEvent event = event(name, json);
        if (event != null) {
            emit(event);
        }
    }

    /**
     * One {@code /events} event as a kernel event; null for events this client does not know
     * (newer servers may send more kinds).
     */
    static KernelEvent event(String name, JsonNode json) {
        return switch (name) {
            case "state_created" -> new KernelEvent.StateCreated(Wire.summary(json.path("state")));
            case "state_deleted" -> new KernelEvent.StateDeleted(json.path("name").asText());
            case "execution_started" -> new KernelEvent.ExecutionStarted(
                    json.path("exec_id").asText(), json.path("state_name").asText(),
                    json.path("code").asText(""));
            case "execution_finished" -> {
                ExecutionResult result = Wire.result(json.path("result"), 0);
                yield new KernelEvent.ExecutionFinished(json.path("exec_id").asText(),
                        result.stateName(), result);
            }
            case "display_updated" -> {
                Output output = Wire.output(json.path("output"));
                yield output instanceof Output.DisplayData display
                        ? new KernelEvent.DisplayUpdated(json.path("display_id").asText(), display)
                        : null;
            }
            case "output" -> {
                Output output = Wire.output(json.path("output"));
                yield output == null ? null
                        : new KernelEvent.OutputProduced(json.path("exec_id").asText(), output);
            }
            case "clear_output" -> new KernelEvent.OutputCleared(json.path("exec_id").asText(),
                    json.path("wait").asBoolean(false));
            case "reset" -> new KernelEvent.KernelReset();
            default -> null;
        };
    }

    @Override
    void stopWatching() {
        InputStream stream = events;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // Already broken; the watcher ends either way.
            }
        }
    }
}
