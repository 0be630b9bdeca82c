package dev.forkbook.kernel.jython;

import dev.forkbook.kernel.DiffRequest;
import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.ExecutionError;
import dev.forkbook.kernel.ExecutionResult;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.KernelEvent;
import dev.forkbook.kernel.KernelListener;
import dev.forkbook.kernel.KernelOptions;
import dev.forkbook.kernel.Output;
import dev.forkbook.kernel.Provenance;
import dev.forkbook.kernel.StateDiff;
import dev.forkbook.kernel.StateInfo;
import dev.forkbook.kernel.StateSummary;
import dev.forkbook.kernel.UnknownStateException;
import dev.forkbook.kernel.VariableInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.python.core.Py;
import org.python.core.PyException;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.ThreadState;
import org.python.core.TraceFunction;

/**
 * The {@link Kernel} on an embedded Jython interpreter.
 *
 * <p>Each execution runs on its own worker thread over an {@link ExecutionNamespace} laid on the
 * source state's {@link Snapshot}; all cell code shares one {@link ContextualGlobals}, so functions
 * defined in earlier cells see the calling execution's variables. Executions run truly in parallel
 * (Jython has no global interpreter lock). Read {@code docs/decisions/0001-snapshots.md} for why.
 */
public final class JythonKernel implements Kernel {

    /** Longest repr a diff shows for one value. */
    private static final int MAX_DIFF_REPR = 10_000;

    private final KernelOptions options;
    private final JythonRuntime runtime;
    private final ContextualGlobals globals;
    private final CellCompiler compiler;
    private final ErrorFormatter errors;
    private final MimeFormatter formatter;
    private final StateStore states = new StateStore();
    private final ProvenanceLog provenance = new ProvenanceLog();
    private final ExecutorService workers;
    private final AtomicInteger executionCounter = new AtomicInteger();
    private final Map<String, Set<ExecutionContext>> running = new ConcurrentHashMap<>();
    private final List<KernelListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService outputFlusher =
            Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "forkbook-output-flush");
                thread.setDaemon(true);
                return thread;
            });

    public JythonKernel(KernelOptions options) {
        this.options = options;
        this.runtime = JythonRuntime.get();
        this.globals = new ContextualGlobals(newNamespace(Snapshot.EMPTY));
        this.compiler = new CellCompiler(runtime.linecacheEntries());
        this.errors = new ErrorFormatter(runtime.formatException());
        this.formatter = new MimeFormatter(options.maxReprSize());
        this.workers = Executors.newCachedThreadPool(new WorkerThreads(options.workerStackBytes()));
    }

    public JythonKernel() {
        this(KernelOptions.defaults());
    }

    @Override
    public ExecutionResult execute(ExecuteRequest request) {
        StateStore.StoredState source = states.get(request.stateName());
        if (source == null) {
            return new ExecutionResult(List.of(), null,
                    ExecutionError.stateNotFound(request.stateName()), 0);
        }
        String newName = request.newStateName() != null ? request.newStateName()
                : UUID.randomUUID().toString().replace("-", "");
        ExecutionContext context = newContext(request.execId(), newNamespace(source.snapshot()),
                request.executionCount());
        publish(new KernelEvent.ExecutionStarted(request.execId(), request.stateName(),
                request.code()));
        long started = System.nanoTime();
        CellOutcome outcome = runOnWorker(context, () -> runCell(context, request.code(), true));
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        context.output().finish();
        String storedName = null;
        if (outcome.error() == null) {
            StateSummary summary = new StateSummary(newName, request.stateName(), request.code(),
                    request.execId(), Instant.now(), durationMs, context.executionCount());
            recordProvenance(newName, request.stateName(), source.snapshot(), outcome.snapshot(),
                    context.namespace());
            states.put(new StateStore.StoredState(summary, outcome.snapshot()));
            storedName = newName;
            publish(new KernelEvent.StateCreated(summary));
        }
        ExecutionResult result = new ExecutionResult(context.output().outputs(), storedName,
                outcome.error(), context.executionCount());
        publish(new KernelEvent.ExecutionFinished(request.execId(), storedName, result));
        return result;
    }

    @Override
    public ExecutionResult multistateExecute(String code, String execId,
            Map<String, String> stateMapping, String defaultState) {
        Snapshot defaults = Snapshot.EMPTY;
        if (defaultState != null) {
            StateStore.StoredState state = states.get(defaultState);
            if (state == null) {
                return new ExecutionResult(List.of(), null, ExecutionError.stateNotFound(defaultState),
                        0);
            }
            defaults = state.snapshot();
        }
        Map<String, StateView> views = new LinkedHashMap<>();
        for (Map.Entry<String, String> alias : stateMapping.entrySet()) {
            StateStore.StoredState state = states.get(alias.getValue());
            if (state == null) {
                return new ExecutionResult(List.of(), null,
                        ExecutionError.stateNotFound(alias.getValue()), 0);
            }
            views.put(alias.getKey(),
                    new StateView(alias.getValue(), state.snapshot(), runtime.deepcopy()));
        }
        ExecutionNamespace namespace = newNamespace(defaults);
        views.forEach(namespace::putTransient);
        ExecutionContext context = newContext(execId, namespace, null);
        publish(new KernelEvent.ExecutionStarted(execId, defaultState, code));
        CellOutcome outcome = runOnWorker(context, () -> runCell(context, code, false));
        context.output().finish();
        ExecutionResult result = new ExecutionResult(context.output().outputs(), null,
                outcome.error(), context.executionCount());
        publish(new KernelEvent.ExecutionFinished(execId, null, result));
        return result;
    }

    @Override
    public List<String> listStates() {
        return states.names();
    }

    @Override
    public Optional<StateInfo> getState(String name) {
        StateStore.StoredState state = states.get(name);
        if (state == null) {
            return Optional.empty();
        }
        Snapshot snapshot = state.snapshot();
        // repr() runs user code: give it a namespace of its own state and copies, never frozen objects.
        ExecutionContext context = inspectionContext("get_state:" + name, snapshot);
        Map<String, VariableInfo> variables = runOnWorker(context, () -> {
            Map<String, VariableInfo> described = new LinkedHashMap<>();
            for (String variable : new TreeSet<>(snapshot.names())) {
                PyObject value = context.namespace().get(new PyString(variable));
                described.put(variable, new VariableInfo(value.getType().fastGetName(),
                        formatter.cappedRepr(value), snapshot.isShared(variable),
                        definingModule(value)));
            }
            return described;
        });
        return Optional.of(new StateInfo(state.summary(), variables));
    }

    /** The {@code __module__} of a function or class, else null. */
    private static String definingModule(PyObject value) {
        if (!(value instanceof org.python.core.PyFunction || value instanceof org.python.core.PyType
                || value instanceof org.python.core.PyClass
                || value instanceof org.python.core.PyBuiltinCallable)) {
            return null;
        }
        try {
            PyObject module = value.__findattr__("__module__");
            return module == null || module == org.python.core.Py.None ? null : module.toString();
        } catch (org.python.core.PyException e) {
            return null;
        }
    }

    @Override
    public StateDiff diff(DiffRequest request) {
        Snapshot a = snapshotOf(request.a());
        Snapshot b = snapshotOf(request.b());
        // Reprs of values that are not built-ins run user code: only on copies, on a worker, bound to
        // an inspection context (so a __repr__ reading globals sees state b).
        ExecutionContext context = inspectionContext("diff:" + request.a() + ":" + request.b(), b);
        return runOnWorker(context, () -> new StateDiffer(this::reprOfCopy).diff(request.a(), a,
                request.b(), b, request.variable(), request.offset(), request.limit()));
    }

    @Override
    public Optional<Provenance> provenance(String stateName) {
        if (states.get(stateName) == null) {
            return Optional.empty();
        }
        Provenance known = provenance.get(stateName);
        return Optional.of(known != null ? known : Provenance.NONE);
    }

    /** Provenance is a by-product: a failure to measure it must never fail the user's cell. */
    private void recordProvenance(String state, String parent, Snapshot before, Snapshot after,
            ExecutionNamespace namespace) {
        try {
            provenance.record(state, parent, before, after, namespace.reads(),
                    namespace.readEverything());
        } catch (RuntimeException | StackOverflowError e) {
            provenance.remove(state);
        }
    }

    /** The snapshot of a state, for reading; the one place a diff reaches a stored state. */
    private Snapshot snapshotOf(String name) {
        StateStore.StoredState state = states.get(name);
        if (state == null) {
            throw new UnknownStateException(name);
        }
        return state.snapshot();
    }

    /** The capped repr of a copy of a frozen value: user code never sees the stored object. */
    private String reprOfCopy(PyObject frozen) {
        try {
            PyObject copy = new SnapshotCopier(runtime.deepcopy()).copyRoot("value", frozen);
            String text = formatter.cappedRepr(copy);
            return text.length() <= MAX_DIFF_REPR ? text : text.substring(0, MAX_DIFF_REPR) + "...";
        } catch (PyException e) {
            if (e.match(Py.KeyboardInterrupt)) {
                throw e;
            }
            return "<" + frozen.getType().fastGetName() + " object>";
        }
    }

    @Override
    public List<String> complete(String stateName, String prefix) {
        StateStore.StoredState state = states.get(stateName);
        if (state == null) {
            return List.of();
        }
        ExecutionContext context = inspectionContext("complete:" + stateName, state.snapshot());
        return runOnWorker(context, () -> Completions.of(state.snapshot().names(),
                context.namespace(), prefix));
    }

    @Override
    public List<StateSummary> tree() {
        return states.summaries();
    }

    @Override
    public boolean deleteState(String name) {
        boolean deleted = states.remove(name);
        if (deleted) {
            provenance.remove(name);
            publish(new KernelEvent.StateDeleted(name));
        }
        return deleted;
    }

    @Override
    public void reset() {
        states.clear();
        provenance.clear();
        executionCounter.set(0);
        publish(new KernelEvent.KernelReset());
    }

    @Override
    public boolean interrupt(String execId) {
        Set<ExecutionContext> contexts = running.get(execId);
        if (contexts == null || contexts.isEmpty()) {
            return false;
        }
        contexts.forEach(ExecutionContext::interrupt);
        return true;
    }

    @Override
    public Subscription subscribe(KernelListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        running.values().forEach(contexts -> contexts.forEach(ExecutionContext::interrupt));
        workers.shutdownNow();
        outputFlusher.shutdownNow();
    }

    private ExecutionNamespace newNamespace(Snapshot parent) {
        ExecutionNamespace namespace = new ExecutionNamespace(parent, runtime.deepcopy());
        namespace.putTransient("__name__", Py.newString("__main__"));
        namespace.putTransient("__builtins__", runtime.builtinsModule());
        return namespace;
    }

    /**
     * A context for one execution; a count given by the client is used as is and the kernel's own
     * counter never goes below it, so executions that let the kernel count stay above it.
     */
    private ExecutionContext newContext(String execId, ExecutionNamespace namespace, Integer given) {
        int count;
        if (given == null) {
            count = executionCounter.incrementAndGet();
        } else {
            executionCounter.accumulateAndGet(given, Math::max);
            count = given;
        }
        return new ExecutionContext(execId, namespace,
                new OutputCollector(execId, options.maxOutputChars(), this::publish, outputFlusher),
                count, formatter, this::publish);
    }

    /** A context for kernel housekeeping (variables, completion): not an execution, not counted. */
    private ExecutionContext inspectionContext(String purpose, Snapshot snapshot) {
        return new ExecutionContext(purpose, newNamespace(snapshot),
                OutputCollector.quiet(options.maxOutputChars()), 0, formatter, this::publish);
    }

    /** What running a cell gave: a snapshot to store, or an error. */
    private record CellOutcome(Snapshot snapshot, ExecutionError error) {
    }

    /** Runs on the worker thread, bound to {@code context}. */
    private CellOutcome runCell(ExecutionContext context, String code, boolean snapshot) {
        ThreadState threadState = Py.getThreadState();
        TraceFunction previousTrace = threadState.tracefunc;
        context.running(threadState);
        try {
            CellMagic magic = CellMagic.of(code);
            CellCompiler.CompiledCell cell = compiler.compile(magic == null ? code : magic.source());
            PyObject timer = magic != null && magic.timed() ? builtin("_fb_time_start").__call__()
                    : null;
            PyObject value = null;
            try {
                Py.runCode(cell.statements(), globals, globals);
                if (cell.lastExpression() != null) {
                    value = Py.runCode(cell.lastExpression(), globals, globals);
                }
            } finally {
                if (timer != null) {
                    builtin("_fb_time_report").__call__(timer);
                }
            }
            if (value != null && value != Py.None) {
                publishResult(context, value);
            }
            runtime.bridge().endOfCell();
            Snapshot result = snapshot ? context.namespace().freeze() : null;
            if (context.isInterrupted()) {
                return new CellOutcome(null, ErrorFormatter.keyboardInterrupt());
            }
            return new CellOutcome(result, null);
        } catch (PyException e) {
            if (context.isInterrupted() && !e.match(Py.KeyboardInterrupt)) {
                return new CellOutcome(null, ErrorFormatter.keyboardInterrupt());
            }
            ExecutionError error = errors.format(e);
            showOpenFiguresQuietly();
            return new CellOutcome(null, error);
        } catch (StackOverflowError e) {
            return new CellOutcome(null, errors.format(
                    Py.RuntimeError("maximum recursion depth exceeded (Java StackOverflowError)")));
        } catch (RuntimeException e) {
            if (context.isInterrupted()) {
                return new CellOutcome(null, ErrorFormatter.keyboardInterrupt());
            }
            return new CellOutcome(null, errors.format(Py.JavaError(e)));
        } finally {
            threadState.tracefunc = previousTrace;
        }
    }

    private PyObject builtin(String name) {
        return runtime.builtinsModule().__getattr__(name);
    }

    /** A failed cell still shows the figures it drew (and leaves none open), as Jupyter does. */
    private void showOpenFiguresQuietly() {
        try {
            runtime.bridge().endOfCell();
        } catch (PyException ignored) {
            // The cell's own error is the one to report.
        }
    }

    private void publishResult(ExecutionContext context, PyObject value) {
        PyObject hook = value.__findattr__("_ipython_display_");
        if (hook != null && hook.isCallable()) {
            runtime.bridge().callIpythonDisplay(hook);
            return;
        }
        MimeFormatter.Bundle bundle = formatter.format(value);
        context.output().add(new Output.ExecuteResult(context.executionCount(), bundle.data(),
                bundle.metadata()));
    }

    /** Runs {@code work} bound to {@code context} on a worker thread and waits for it. */
    private <T> T runOnWorker(ExecutionContext context, Callable<T> work) {
        Set<ExecutionContext> sameId = running.computeIfAbsent(context.execId(),
                id -> ConcurrentHashMap.newKeySet());
        sameId.add(context);
        try {
            Future<T> future = workers.submit(() -> {
                context.bind();
                try {
                    return work.call();
                } finally {
                    context.unbind();
                }
            });
            return awaitUninterruptibly(future, context);
        } finally {
            running.computeIfPresent(context.execId(), (id, contexts) -> {
                contexts.remove(context);
                return contexts.isEmpty() ? null : contexts;
            });
        }
    }

    private static <T> T awaitUninterruptibly(Future<T> future, ExecutionContext context) {
        boolean callerInterrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    // The caller gave up waiting: stop the execution, then collect its result.
                    callerInterrupted = true;
                    context.interrupt();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("execution failed outside Python",
                            e.getCause());
                }
            }
        } finally {
            if (callerInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void publish(KernelEvent event) {
        for (KernelListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                // A failing listener must not break the kernel or the other listeners.
            }
        }
    }
}
