package dev.forkbook.kernel.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forkbook.kernel.BranchResult;
import dev.forkbook.kernel.DiffRequest;
import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.KernelDescription;
import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.kernel.KernelListener;
import dev.forkbook.kernel.StateDiff;
import dev.forkbook.kernel.UnknownStateException;
import dev.forkbook.kernel.VariableInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Kernel} on another machine or process, reached over the REST API. {@link #connect} finds
 * out which server answers: a Forkbook server ({@code GET /tree} answers) or the seed
 * ({@code GET /tree} is 404 while {@code GET /states} lists {@code initial}).
 *
 * <p>A server that stops answering never loses work: executions end with an
 * {@link ExecutionError#CONNECTION_LOST} error instead of throwing, listeners get
 * {@link KernelEvent.ConnectionLost}, and a watcher thread keeps trying until the server is back
 * ({@link KernelEvent.ConnectionRestored}). Other calls throw {@link RemoteKernelException}.
 */
public abstract sealed class RemoteKernel implements Kernel
        permits ForkbookRemoteKernel, SeedRemoteKernel {

    final KernelHttp http;
    private final KernelDescription description;
    private final List<KernelListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    /** The per-branch execution ids of each running {@link #executeEach}, by its exec_id. */
    private final Map<String, List<String>> branchIds = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private Thread watcher;

    RemoteKernel(KernelHttp http, KernelDescription description) {
        this.http = http;
        this.description = description;
    }

    /** Connects with the default timeouts. */
    public static RemoteKernel connect(String url, String token) {
        return connect(url, token, RemoteOptions.defaults());
    }

    /**
     * Reaches the server at {@code url}, finds out what it is and returns a kernel for it.
     *
     * @throws RemoteKernelException when nothing answers, the token is refused, or the server is not
     *     a snapshot kernel
     * @throws IllegalArgumentException when {@code url} is not an http(s) URL
     */
    public static RemoteKernel connect(String url, String token, RemoteOptions options) {
        URI base = baseUri(url);
        KernelHttp bearer = new KernelHttp(base, token, KernelHttp.TokenStyle.BEARER, options);
        KernelHttp.Answer tree = bearer.send("GET", "/tree", null, options.requestTimeout());
        if (tree.status() == 200 && isTree(tree.json())) {
            return start(new ForkbookRemoteKernel(bearer));
        }
        KernelHttp query = bearer.withStyle(KernelHttp.TokenStyle.QUERY);
        KernelHttp.Answer queryTree = query.send("GET", "/tree", null, options.requestTimeout());
        if (queryTree.status() == 200 && isTree(queryTree.json())) {
            return start(new ForkbookRemoteKernel(query));
        }
        if (queryTree.status() == 401) {
            throw query.wrongToken();
        }
        if (queryTree.status() == 404) {
            KernelHttp.Answer states = query.send("GET", "/states", null, options.requestTimeout());
            if (states.status() == 401) {
                throw query.wrongToken();
            }
            if (states.status() == 200 && states.json() != null
                    && Wire.strings(states.json().get("states")).contains(INITIAL_STATE)) {
                return start(new SeedRemoteKernel(query));
            }
        }
        throw new RemoteKernelException(RemoteKernelException.Reason.NOT_A_KERNEL,
                queryTree.status(), base + " answers, but it is not a snapshot kernel (GET /tree gave "
                        + queryTree.status() + " and GET /states did not list \"initial\").", null);
    }

    private static boolean isTree(JsonNode json) {
        return json != null && json.path("states").isArray();
    }

    private static RemoteKernel start(RemoteKernel kernel) {
        kernel.watcher = new Thread(kernel::watch, "forkbook-remote-" + kernel.description.kind());
        kernel.watcher.setDaemon(true);
        kernel.watcher.start();
        return kernel;
    }

    static URI baseUri(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a URL: " + url);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new IllegalArgumentException("Not an http:// or https:// URL: " + url);
        }
        return uri;
    }

    @Override
    public KernelDescription description() {
        return description;
    }

    /** Whether the server answered the last time it was asked. */
    public boolean reachable() {
        return reachable.get();
    }

    /** The server's base URL. */
    public URI url() {
        return http.base();
    }

    @Override
    public final ExecutionResult execute(ExecuteRequest request) {
        try {
            ExecutionResult result = doExecute(request);
            return request.executionCount() == null ? result
                    : Wire.withCount(result, request.executionCount());
        } catch (RemoteKernelException e) {
            return failed(e);
        }
    }

    abstract ExecutionResult doExecute(ExecuteRequest request);

    @Override
    public ExecutionResult multistateExecute(String code, String execId,
            Map<String, String> stateMapping, String defaultState) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("exec_id", execId);
        body.put("state_mapping", stateMapping);
        if (defaultState != null) {
            body.put("default_state", defaultState);
        }
        try {
            return Wire.result(http.call("POST", "/multistate_execute", body, null), nextCount());
        } catch (RemoteKernelException e) {
            return failed(e);
        }
    }

    /** The execution count for an answer that has none. */
    abstract int nextCount();

    /** An execution that could not reach the server ends with an error, never an exception. */
    ExecutionResult failed(RemoteKernelException e) {
        if (e.reason() == RemoteKernelException.Reason.SERVER_GONE) {
            lost(e.getMessage());
        }
        return new ExecutionResult(List.of(), null, ExecutionError.connectionLost(e.getMessage()), 0);
    }

    @Override
    public List<String> listStates() {
        return Wire.strings(call("GET", "/states", null).get("states"));
    }

    @Override
    public boolean deleteState(String name) {
        KernelHttp.Answer answer = send("DELETE", "/states/" + encode(name));
        if (answer.status() == 404) {
            return false;
        }
        check(answer, "DELETE /states/" + name);
        return true;
    }

    @Override
    public void reset() {
        call("POST", "/reset", null);
    }

    @Override
    public boolean interrupt(String execId) {
        List<String> branches = branchIds.get(execId);
        if (branches == null) {
            return interruptOne(execId);
        }
        boolean any = false;
        for (String id : branches) {
            any |= interruptOne(id);
        }
        return any;
    }

    private boolean interruptOne(String execId) {
        return call("POST", "/interrupt", Map.of("exec_id", execId)).path("interrupted")
                .asBoolean(false);
    }

    /**
     * Compares two states by the types and reprs {@code GET /states/{name}} lists (see
     * {@link ReprDiff}); a server with {@code GET /diff} answers it itself.
     */
    @Override
    public StateDiff diff(DiffRequest request) {
        return ReprDiff.of(request, variablesOf(request.a()), variablesOf(request.b()));
    }

    private Map<String, VariableInfo> variablesOf(String state) {
        return Wire.variables(fetchState(state).orElseThrow(() -> new UnknownStateException(state))
                .get("variables"));
    }

    /** Runs the cell on every state as parallel {@code /execute} calls. */
    @Override
    public List<BranchResult> executeMany(String code, String execId, List<String> stateNames) {
        return executeEach(code, execId, stateNames);
    }

    /**
     * One {@code /execute} per state, all at once, for servers without {@code /execute_many}. Each
     * branch runs under its own id ({@code execId/1}, {@code execId/2}, …: the seed keeps one
     * running execution per id), and {@link #interrupt(String)} with {@code execId} stops them all.
     */
    final List<BranchResult> executeEach(String code, String execId, List<String> stateNames) {
        if (stateNames.isEmpty()) {
            return List.of();
        }
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < stateNames.size(); i++) {
            ids.add(execId + "/" + (i + 1));
        }
        ExecutorService threads = Executors.newFixedThreadPool(stateNames.size(), runnable -> {
            Thread thread = new Thread(runnable, "remote-execute-many-" + execId);
            thread.setDaemon(true);
            return thread;
        });
        branchIds.put(execId, ids);
        try {
            List<Future<ExecutionResult>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < stateNames.size(); i++) {
                ExecuteRequest request = ExecuteRequest.of(code, ids.get(i), stateNames.get(i));
                futures.add(threads.submit(() -> execute(request)));
            }
            List<BranchResult> results = new java.util.ArrayList<>();
            boolean callerInterrupted = false;
            for (int i = 0; i < stateNames.size(); i++) {
                ExecutionResult result = null;
                while (result == null) {
                    try {
                        result = futures.get(i).get();
                    } catch (InterruptedException e) {
                        // The caller gave up: stop every branch, then collect what they gave.
                        callerInterrupted = true;
                        interrupt(execId);
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("a branch failed outside Python",
                                e.getCause());
                    }
                }
                results.add(new BranchResult(stateNames.get(i), result));
            }
            if (callerInterrupted) {
                Thread.currentThread().interrupt();
            }
            return results;
        } finally {
            branchIds.remove(execId);
            threads.shutdown();
        }
    }

    @Override
    public Subscription subscribe(KernelListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void emit(KernelEvent event) {
        for (KernelListener listener : listeners) {
            listener.onEvent(event);
        }
    }

    /** Runs on the watcher thread until {@link #close()}: follows the server's changes. */
    abstract void watch();

    boolean closed() {
        return closed;
    }

    /** Marks the server unreachable, telling listeners once. */
    void lost(String message) {
        if (reachable.compareAndSet(true, false) && !closed) {
            emit(new KernelEvent.ConnectionLost(message));
        }
    }

    /** Marks the server reachable again, telling listeners once. */
    void restored() {
        if (reachable.compareAndSet(false, true) && !closed) {
            emit(new KernelEvent.ConnectionRestored());
        }
    }

    /** Waits before the next attempt; false when the kernel was closed meanwhile. */
    boolean pause(java.time.Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    JsonNode call(String method, String path, Object body) {
        return tracked(() -> http.call(method, path, body));
    }

    KernelHttp.Answer send(String method, String path) {
        return tracked(() -> http.send(method, path, null, http.options().requestTimeout()));
    }

    /** Runs a request, noting whether the server answered. */
    <T> T tracked(java.util.function.Supplier<T> request) {
        try {
            T answer = request.get();
            restored();
            return answer;
        } catch (RemoteKernelException e) {
            if (e.reason() == RemoteKernelException.Reason.SERVER_GONE) {
                lost(e.getMessage());
            }
            throw e;
        }
    }

    /** {@code GET /states/{name}}; empty when there is no such state. */
    Optional<JsonNode> fetchState(String name) {
        KernelHttp.Answer answer = send("GET", "/states/" + encode(name));
        if (answer.status() == 404) {
            return Optional.empty();
        }
        check(answer, "GET /states/" + name);
        return Optional.of(answer.json());
    }

    void check(KernelHttp.Answer answer, String what) {
        if (answer.status() == 401) {
            throw http.wrongToken();
        }
        if (!answer.ok()) {
            throw new RemoteKernelException(RemoteKernelException.Reason.BAD_ANSWER, answer.status(),
                    what + " failed with " + answer.status() + ": " + KernelHttp.message(answer),
                    null);
        }
    }

    static String encode(String name) {
        return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    /** Stops following the server; the server and its states are left as they are. */
    @Override
    public void close() {
        closed = true;
        stopWatching();
        if (watcher != null) {
            watcher.interrupt();
        }
        listeners.clear();
    }

    /** Ends whatever the watcher blocks on (an open event stream). */
    void stopWatching() {
    }
}
