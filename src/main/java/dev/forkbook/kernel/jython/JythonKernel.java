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
    /** Events a listener may fall behind by before it is dropped. */
    private static final int LISTENER_BACKLOG = 100_000;
    /** The longest a state description may take; later variables say they timed out. */
    private static final java.time.Duration DESCRIBE_TIME = java.time.Duration.ofSeconds(5);
    /** The longest one variable's {@code __repr__} may run. */
    private static final java.time.Duration REPR_TIME = java.time.Duration.ofSeconds(1);

    private final KernelOptions options;
    private final JythonRuntime runtime;
    private final ContextualGlobals globals;
    private final CellCompiler compiler;
    private final ErrorFormatter errors;
    private final MimeFormatter formatter;
    private final StateStore states = new StateStore();
    private final ProvenanceLog provenance = new ProvenanceLog();
    private final long memoryBudget;
    private final Object rebuildLock = new Object();
    private final java.util.concurrent.ScheduledExecutorService timers;
    private final HeapGuard heapGuard;
    private final ExecutorService workers;
    private final AtomicInteger executionCounter = new AtomicInteger();
    private final Map<String, Set<ExecutionContext>> running = new ConcurrentHashMap<>();
    private final List<ListenerQueue> listeners = new CopyOnWriteArrayList<>();
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
        this.memoryBudget = options.effectiveMemoryBudget();
        this.timers = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "forkbook-kernel-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.heapGuard = HeapGuard.start(this::onHeapPressure);
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
        source.hold();
        try {
            states.touch(source);
            Snapshot base = liveSnapshot(source);
            if (base == null) {
                return new ExecutionResult(List.of(), null, notRebuilt(request.stateName()), 0);
            }
            ExecutionContext context = newContext(request.execId(), newNamespace(base),
                    request.executionCount());
            publish(new KernelEvent.ExecutionStarted(request.execId(), request.stateName(),
                    request.code()));
            long started = System.nanoTime();
            CellOutcome outcome = runGuarded(context, request.code(), true,
                    request.keepFailedState());
            long durationMs = (System.nanoTime() - started) / 1_000_000;
            context.output().finish();
            String storedName = null;
            List<Output> outputs = context.output().outputs();
            if (outcome.snapshot() != null) {
                StateSummary summary = new StateSummary(newName, request.stateName(),
                        request.code(), request.execId(), Instant.now(), durationMs,
                        context.executionCount(), false, outcome.error() != null);
                recordProvenance(newName, request.stateName(), base, outcome.snapshot(),
                        context.namespace());
                states.add(summary, outcome.snapshot(), outputs, source);
                storedName = newName;
                publish(new KernelEvent.StateCreated(summary));
            }
            if (outcome.error() != null && "MemoryError".equals(outcome.error().ename())) {
                evictDownTo(states.usedBytes() / 2);
            }
            ExecutionResult result = new ExecutionResult(outputs, storedName, outcome.error(),
                    context.executionCount());
            publish(new KernelEvent.ExecutionFinished(request.execId(), storedName, result));
            return result;
        } finally {
            source.release();
            keepWithinBudget();
        }
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
            defaults = liveSnapshot(state);
            if (defaults == null) {
                return new ExecutionResult(List.of(), null, notRebuilt(defaultState), 0);
            }
        }
        Map<String, StateView> views = new LinkedHashMap<>();
        for (Map.Entry<String, String> alias : stateMapping.entrySet()) {
            StateStore.StoredState state = states.get(alias.getValue());
            if (state == null) {
                return new ExecutionResult(List.of(), null,
                        ExecutionError.stateNotFound(alias.getValue()), 0);
            }
            Snapshot snapshot = liveSnapshot(state);
            if (snapshot == null) {
                return new ExecutionResult(List.of(), null, notRebuilt(alias.getValue()), 0);
            }
            views.put(alias.getKey(), new StateView(alias.getValue(), snapshot, runtime.deepcopy()));
        }
        ExecutionNamespace namespace = newNamespace(defaults);
        views.forEach(namespace::putTransient);
        ExecutionContext context = newContext(execId, namespace, null);
        publish(new KernelEvent.ExecutionStarted(execId, defaultState, code));
        CellOutcome outcome = runGuarded(context, code, false, false);
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
        if (snapshot == null) {
            return Optional.of(new StateInfo(state.summary(), null, true));
        }
        states.touch(state);
        // repr() runs user code: give it a namespace of its own state and copies, never frozen objects.
        ExecutionContext context = inspectionContext("get_state:" + name, snapshot);
        long deadline = System.nanoTime() + DESCRIBE_TIME.toNanos();
        VariableDescriber describer = new VariableDescriber(formatter, options.maxReprSize(),
                deadline);
        Map<String, VariableInfo> variables = runOnWorker(context, () -> {
            context.running(Py.getThreadState());
            java.util.concurrent.atomic.AtomicInteger step = new java.util.concurrent.atomic.AtomicInteger();
            Map<String, VariableInfo> described = new LinkedHashMap<>();
            for (String variable : snapshot.names()) {
                int current = step.incrementAndGet();
                boolean shared = snapshot.isShared(variable);
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    described.put(variable, new VariableInfo("?", VariableDescriber.TIMED_OUT,
                            shared));
                    continue;
                }
                // User __repr__ code that runs too long is stopped: nobody waits for it.
                java.util.concurrent.ScheduledFuture<?> stop = timers.schedule(() -> {
                    if (step.get() == current) {
                        context.interrupt();
                    }
                },
                        Math.min(left, REPR_TIME.toNanos()), java.util.concurrent.TimeUnit.NANOSECONDS);
                try {
                    // Built-in data is described in place; only user __repr__ code sees a copy.
                    VariableInfo info = describer.describeFrozen(snapshot.frozenValue(variable),
                            shared);
                    if (info == null) {
                        info = describer.describe(context.namespace().get(new PyString(variable)),
                                shared);
                    }
                    PyObject frozen = snapshot.frozenValue(variable);
                    described.put(variable, new VariableInfo(info.type(), info.repr(),
                            info.shared(), definingModule(frozen)));
                } catch (PyException | StackOverflowError e) {
                    described.put(variable, new VariableInfo("?", VariableDescriber.TIMED_OUT,
                            shared));
                } finally {
                    step.incrementAndGet();
                    stop.cancel(false);
                    context.clearInterrupt();
                }
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
            provenance.record(state, parent, before, after, namespace.touched(),
                    namespace.reads(), namespace.readEverything());
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
        Snapshot snapshot = liveSnapshot(state);
        if (snapshot == null) {
            throw new UnknownStateException(name);
        }
        return snapshot;
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
        Snapshot snapshot = state == null ? null : state.snapshot();
        if (snapshot == null) {
            return List.of();
        }
        states.touch(state);
        ExecutionContext context = inspectionContext("complete:" + stateName, snapshot);
        return runOnWorker(context, () -> Completions.of(new java.util.HashSet<>(snapshot.names()), context.namespace(),
                prefix));
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
            compiler.retainOnly(states.liveCode());
        }
        return deleted;
    }

    @Override
    public void reset() {
        states.clear();
        provenance.clear();
        compiler.clear();
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
    public void pin(Set<String> stateNames) {
        states.pin(stateNames);
    }

    /** The snapshot of a state (null when evicted or unknown), for tests of structure sharing. */
    Snapshot frozenSnapshot(String name) {
        StateStore.StoredState state = states.get(name);
        return state == null ? null : state.snapshot();
    }

    /** Compiled cells held now, for tests of cache release. */
    int compiledCells() {
        return compiler.cachedCells();
    }

    /** Bytes of state the kernel accounts now (see {@link StateStore}). */
    public long accountedBytes() {
        return states.usedBytes();
    }

    /** The budget the kernel keeps its states within. */
    public long memoryBudget() {
        return memoryBudget;
    }

    @Override
    public Subscription subscribe(KernelListener listener) {
        ListenerQueue[] self = new ListenerQueue[1];
        self[0] = new ListenerQueue(listener, LISTENER_BACKLOG, () -> listeners.remove(self[0]));
        listeners.add(self[0]);
        return () -> {
            listeners.remove(self[0]);
            self[0].close();
        };
    }

    @Override
    public void close() {
        running.values().forEach(contexts -> contexts.forEach(ExecutionContext::interrupt));
        workers.shutdownNow();
        outputFlusher.shutdownNow();
        timers.shutdownNow();
        heapGuard.close();
        compiler.clear();
        listeners.forEach(ListenerQueue::close);
        listeners.clear();
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

    /** What running a cell gave: a snapshot to store, an error, or both (a failed state kept). */
    private record CellOutcome(Snapshot snapshot, ExecutionError error) {
    }

    private ExecutionError memoryError(ExecutionContext context) {
        context.namespace().discard();
        return new ExecutionError("MemoryError",
                "out of memory: the cell's objects were dropped and old states evicted to recover",
                List.of("MemoryError: out of memory (the JVM heap is full). The cell's objects were "
                        + "dropped and the least recently used states evicted; other states are "
                        + "intact."));
    }

    /**
     * Runs a cell on a worker; a failure outside Python (the worker itself ran out of memory, say)
     * becomes the cell's error, so every {@code execution_started} gets its {@code execution_finished}.
     */
    private CellOutcome runGuarded(ExecutionContext context, String code, boolean snapshot,
            boolean keepFailed) {
        try {
            return runOnWorker(context, () -> runCell(context, code, snapshot, keepFailed));
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof OutOfMemoryError) {
                return new CellOutcome(null, memoryError(context));
            }
            return new CellOutcome(null, new ExecutionError("InternalError", String.valueOf(
                    e.getCause()), List.of("InternalError: " + e.getCause())));
        }
    }

    /**
     * Runs on the worker thread, bound to {@code context}. With {@code keepFailed}, a Python exception
     * still freezes the namespace (what the code bound before raising) into the outcome's snapshot.
     */
    private CellOutcome runCell(ExecutionContext context, String code, boolean snapshot,
            boolean keepFailed) {
        ThreadState threadState = Py.getThreadState();
        // A pooled thread never carries an earlier execution's interrupt hook into this one.
        TraceFunction previousTrace = threadState.tracefunc instanceof InterruptTrace ? null
                : threadState.tracefunc;
        threadState.tracefunc = previousTrace;
        context.running(threadState);
        String filename = null;
        try {
            CellMagic magic = CellMagic.of(code);
            CellCompiler.CompiledCell cell = compiler.compile(magic == null ? code : magic.source());
            filename = cell.filename();
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
            if (context.isMemoryPressure()) {
                return new CellOutcome(null, memoryError(context));
            }
            if (context.isInterrupted()) {
                return new CellOutcome(null, ErrorFormatter.keyboardInterrupt());
            }
            return new CellOutcome(result, null);
        } catch (OutOfMemoryError e) {
            return new CellOutcome(null, memoryError(context));
        } catch (PyException e) {
            if (context.isMemoryPressure() || e.match(Py.MemoryError)) {
                return new CellOutcome(null, memoryError(context));
            }
            if (context.isInterrupted() && !e.match(Py.KeyboardInterrupt)) {
                return new CellOutcome(null, ErrorFormatter.keyboardInterrupt());
            }
            ExecutionError error = namedByCount(errors.format(e), filename,
                    context.executionCount());
            showOpenFiguresQuietly();
            return new CellOutcome(snapshot && keepFailed ? context.namespace().freeze() : null,
                    error);
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

    /**
     * The traceback with this cell's compiled file name ("<cell-42>", unique per JVM) replaced by
     * the name Jupyter shows: the cell's execution count ("<cell-7>" for {@code [7]}).
     */
    private static ExecutionError namedByCount(ExecutionError error, String filename, int count) {
        if (filename == null || error.traceback() == null) {
            return error;
        }
        String quoted = "\"" + filename + "\"";
        String shown = "\"<cell-" + count + ">\"";
        return new ExecutionError(error.ename(), error.evalue(), error.traceback().stream()
                .map(line -> line.replace(quoted, shown)).toList());
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
                    if (e.getCause() instanceof OutOfMemoryError) {
                        context.namespace().discard();
                    }
                    throw new IllegalStateException("execution failed outside Python: "
                            + e.getCause(), e.getCause());
                }
            }
        } finally {
            if (callerInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The state's snapshot, rebuilding it first by replaying its cells from its nearest live
     * ancestor when it was evicted; null when it cannot be rebuilt (a replayed cell failed).
     */
    private Snapshot liveSnapshot(StateStore.StoredState state) {
        Snapshot snapshot = state.snapshot();
        if (snapshot != null) {
            return snapshot;
        }
        synchronized (rebuildLock) {
            return rebuild(state);
        }
    }

    private Snapshot rebuild(StateStore.StoredState target) {
        java.util.Deque<StateStore.StoredState> chain = new java.util.ArrayDeque<>();
        StateStore.StoredState live = target;
        while (live != null && live.snapshot() == null) {
            if (!live.isEvicted()) {
                return null;
            }
            chain.push(live);
            live = live.parent();
        }
        if (live == null) {
            return null;
        }
        List<StateStore.StoredState> held = new java.util.ArrayList<>(chain);
        held.add(live);
        held.forEach(StateStore.StoredState::hold);
        try {
            Snapshot base = live.snapshot();
            while (!chain.isEmpty()) {
                StateStore.StoredState step = chain.pop();
                ExecutionContext context = new ExecutionContext("rebuild:" + step.name(),
                        newNamespace(base), OutputCollector.quiet(options.maxOutputChars()),
                        step.summary().executionCount(), formatter, this::publish);
                boolean failedState = step.summary().failed();
                CellOutcome outcome = runOnWorker(context,
                        () -> runCell(context, step.summary().code(), true, failedState));
                if (outcome.snapshot() == null || (outcome.error() != null) != failedState) {
                    return null;
                }
                boolean changed = !context.output().outputs().equals(step.outputs());
                states.restore(step, outcome.snapshot());
                publish(new KernelEvent.StateRebuilt(step.name(), changed));
                base = outcome.snapshot();
            }
            return base;
        } finally {
            held.forEach(StateStore.StoredState::release);
        }
    }

    private static ExecutionError notRebuilt(String name) {
        return new ExecutionError("StateNotRebuilt", "State " + name + " was evicted to save "
                + "memory and replaying its cells failed, so it cannot be run from.", List.of());
    }

    /** Evicts least recently used states while the accounted bytes exceed the budget. */
    private void keepWithinBudget() {
        evictDownTo(memoryBudget);
    }

    private void evictDownTo(long target) {
        List<String> evicted = states.evictDownTo(target);
        for (String name : evicted) {
            publish(new KernelEvent.StateEvicted(name));
        }
        if (!evicted.isEmpty()) {
            compiler.retainOnly(states.liveCode());
        }
    }

    /**
     * The heap stayed nearly full after a collection: evict down to half the budget and, if that
     * freed nothing, stop the running cell that has allocated the most with a {@code MemoryError}.
     */
    /** Returns the execution id it stopped, or null when evicting was enough or nothing ran. */
    String onHeapPressure() {
        long before = states.usedBytes();
        evictDownTo(Math.min(before / 2, memoryBudget / 2));
        if (states.usedBytes() < before) {
            return null;
        }
        ExecutionContext largest = null;
        long most = -1;
        for (Set<ExecutionContext> contexts : running.values()) {
            for (ExecutionContext context : contexts) {
                long allocated = context.allocatedBytes();
                if (allocated > most) {
                    most = allocated;
                    largest = context;
                }
            }
        }
        if (largest == null) {
            return null;
        }
        largest.interruptForMemory();
        return largest.execId();
    }

    /** Hands {@code event} to every listener's queue; never waits for a listener. */
    private void publish(KernelEvent event) {
        for (ListenerQueue listener : listeners) {
            listener.offer(event);
        }
    }
}
