package dev.forkbook.kernel.remote;

import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.KernelDescription;
import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.kernel.StateInfo;
import dev.forkbook.kernel.StateSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seed, snapshot-kernel on CPython. It has no {@code /tree}, no events, no execution counts and
 * no completion, so this client keeps the lineage of the states it creates, numbers executions
 * itself, and polls {@code /states} to notice states that other clients create or delete; those
 * appear under {@code initial} with {@link #PARENT_UNKNOWN} as their code.
 */
final class SeedRemoteKernel extends RemoteKernel {

    /** The code shown for a state some other client created: the seed does not say its parent. */
    static final String PARENT_UNKNOWN =
            "# parent unknown: another client of the seed created this state";

    private final Map<String, StateSummary> lineage = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counter = new AtomicInteger();

    SeedRemoteKernel(KernelHttp http) {
        super(http, new KernelDescription(KernelDescription.SEED,
                "Python 3 (seed) at " + http.base(), http.base().toString(), false));
        lineage.put(INITIAL_STATE, initial());
    }

    private static StateSummary initial() {
        return new StateSummary(INITIAL_STATE, null, "", null, Instant.now(), 0, 0);
    }

    @Override
    ExecutionResult doExecute(ExecuteRequest request) {
        // Named here, not by the seed, so the poller can tell this state from other clients' ones.
        String target = request.newStateName() != null ? request.newStateName()
                : UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", request.code());
        body.put("exec_id", request.execId());
        body.put("state_name", request.stateName());
        body.put("new_state_name", target);
        int count = request.executionCount() != null ? request.executionCount()
                : counter.incrementAndGet();
        pending.add(target);
        try {
            emit(new KernelEvent.ExecutionStarted(request.execId(), request.stateName(),
                    request.code()));
            long started = System.nanoTime();
            ExecutionResult result = Wire.result(http.call("POST", "/execute", body, null), count);
            long durationMs = (System.nanoTime() - started) / 1_000_000;
            if (result.stateName() != null) {
                StateSummary state = new StateSummary(result.stateName(), request.stateName(),
                        request.code(), request.execId(), Instant.now(), durationMs, count);
                lineage.put(state.name(), state);
                emit(new KernelEvent.StateCreated(state));
            }
            emit(new KernelEvent.ExecutionFinished(request.execId(), result.stateName(), result));
            return result;
        } finally {
            pending.remove(target);
        }
    }

    @Override
    int nextCount() {
        return counter.incrementAndGet();
    }

    @Override
    public Optional<StateInfo> getState(String name) {
        return fetchState(name).map(json -> new StateInfo(lineage.computeIfAbsent(name,
                unknown -> unknownParent(unknown, Wire.instant(Wire.text(json.get("timestamp"))))),
                Wire.variables(json.get("variables"))));
    }

    @Override
    public List<StateSummary> tree() {
        List<StateSummary> states = new ArrayList<>();
        for (String name : listStates()) {
            states.add(lineage.computeIfAbsent(name, unknown -> unknownParent(unknown, Instant.now())));
        }
        return states;
    }

    private static StateSummary unknownParent(String name, Instant created) {
        return new StateSummary(name, INITIAL_STATE, PARENT_UNKNOWN, null, created, 0, 0);
    }

    @Override
    public boolean deleteState(String name) {
        boolean deleted = super.deleteState(name);
        if (deleted && lineage.remove(name) != null) {
            emit(new KernelEvent.StateDeleted(name));
        }
        return deleted;
    }

    @Override
    public void reset() {
        super.reset();
        lineage.clear();
        lineage.put(INITIAL_STATE, initial());
        emit(new KernelEvent.KernelReset());
    }

    /** The seed cannot complete names; the front end hides completion (see the description). */
    @Override
    public List<String> complete(String stateName, String prefix) {
        return List.of();
    }

    /** Polls {@code /states}: states other clients created or deleted since the last look. */
    @Override
    void watch() {
        while (pause(reachable() ? http.options().pollInterval() : http.options().reconnectDelay())) {
            // Only states known before the listing may be missing from it; one created meanwhile is not.
            List<String> known = List.copyOf(lineage.keySet());
            List<String> names;
            try {
                names = listStates();
            } catch (RemoteKernelException e) {
                continue;
            }
            Set<String> present = new HashSet<>(names);
            for (String name : names) {
                if (!lineage.containsKey(name) && !pending.contains(name)) {
                    StateSummary state = unknownParent(name, Instant.now());
                    if (lineage.putIfAbsent(name, state) == null) {
                        emit(new KernelEvent.StateCreated(state));
                    }
                }
            }
            for (String name : known) {
                if (!present.contains(name) && !pending.contains(name)
                        && !INITIAL_STATE.equals(name) && lineage.remove(name) != null) {
                    emit(new KernelEvent.StateDeleted(name));
                }
            }
        }
    }
}
