package dev.forkbook.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forkbook.kernel.Kernel;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's REST API: the seed's routes, bodies and status codes, plus {@code GET /tree},
 * {@code GET /events} and {@code POST /complete}. Every error is a JSON object {@code {"error": "..."}} with a 4xx status.
 */
public final class RestServer implements AutoCloseable {

    private static final String ERROR_WRITTEN = "forkbook.error-written";
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("forkbook.access");

    private final ServerConfig config;
    private final Javalin app;
    private final ExecutorService slowWork;
    private final EventStream events;

    public RestServer(Kernel kernel, ServerConfig config) {
        this(kernel, config, 0, EventStream.DEFAULT_BUFFER);
    }

    /**
     * @param httpThreads the most threads Jetty may use; 0 keeps Javalin's default
     * @param eventBuffer events an {@code /events} subscriber may fall behind by before it is dropped
     */
    RestServer(Kernel kernel, ServerConfig config, int httpThreads, int eventBuffer) {
        this.config = config;
        ObjectMapper mapper = new ObjectMapper();
        AccessGuard guard = new AccessGuard(config);
        AtomicInteger slowThreads = new AtomicInteger();
        this.slowWork = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "forkbook-request-" + slowThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        KernelController executions = new KernelController(kernel, mapper, slowWork);
        StateController states = new StateController(kernel, slowWork);
        this.events = new EventStream(kernel, mapper, eventBuffer);
        this.app = Javalin.create(javalin -> {
            if (httpThreads > 0) {
                QueuedThreadPool pool = new QueuedThreadPool(httpThreads, Math.min(4, httpThreads));
                pool.setName("forkbook-http");
                javalin.jetty.threadPool = pool;
            }
            JsonErrorHandler jettyErrors = new JsonErrorHandler(mapper);
            javalin.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
            javalin.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(jettyErrors));
            javalin.requestLogger.http((ctx, ms) -> {
                if (ACCESS.isInfoEnabled()) {
                    ACCESS.info("{} {} {}ms", describe(ctx), ctx.statusCode(),
                            String.format("%.1f", ms));
                }
            });
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.http.maxRequestSize = config.maxBodyBytes();
            javalin.http.prefer405over404 = true;
            javalin.jsonMapper(new JavalinJackson(mapper, false));
            javalin.jetty.host = config.host();
            javalin.jetty.port = config.port();
            javalin.routes.before(guard::check);
            javalin.routes.post("/execute", executions::execute);
            javalin.routes.post("/multistate_execute", executions::multistateExecute);
            javalin.routes.post("/execute_many", executions::executeMany);
            javalin.routes.post("/interrupt", executions::interrupt);
            javalin.routes.post("/reset", executions::reset);
            javalin.routes.post("/complete", executions::complete);
            javalin.routes.get("/states", states::list);
            javalin.routes.get("/states/{name}", states::get);
            javalin.routes.delete("/states/{name}", states::delete);
            javalin.routes.get("/tree", states::tree);
            javalin.routes.get("/diff", states::diff);
            javalin.routes.put("/pins", ctx -> states.pin(ctx, mapper));
            javalin.routes.sse("/events", events::connect);
            javalin.routes.exception(ApiException.class,
                    (e, ctx) -> writeError(ctx, e.status(), e.getMessage()));
            javalin.routes.exception(HttpResponseException.class,
                    (e, ctx) -> writeError(ctx, e.getStatus(), e.getMessage()));
            javalin.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("500 for {}", describe(ctx), e);
                try {
                    writeError(ctx, 500, "Internal error: " + e.getClass().getSimpleName());
                } catch (RuntimeException gone) {
                    // The request already ended (a closed event stream): nothing to answer.
                }
            });
            javalin.routes.error(404, ctx -> writeDefaultError(ctx, 404, "Not found."));
            javalin.routes.error(405, ctx -> writeDefaultError(ctx, 405, "Method not allowed."));
            javalin.routes.error(413, ctx -> writeDefaultError(ctx, 413, "Request body too large."));
            javalin.routes.error(400, ctx -> writeDefaultError(ctx, 400, "Bad request."));
            javalin.routes.error(500, ctx -> writeDefaultError(ctx, 500, "Internal error."));
        });
    }

    /**
     * Starts listening; returns the bound port (useful with port 0).
     *
     * @throws PortInUseException when another program holds the port (checked before Javalin
     *     starts, so its start-up error is not logged)
     */
    public int start() {
        if (config.port() != 0) {
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new java.net.InetSocketAddress(config.host(), config.port()));
            } catch (java.net.BindException e) {
                throw new PortInUseException(config.host(), config.port(), e);
            } catch (java.io.IOException e) {
                // Not a busy port (say, an unknown host): let Javalin report it.
            }
        }
        app.start();
        return app.port();
    }

    public int port() {
        return app.port();
    }

    /** The base URL clients use, such as {@code http://127.0.0.1:8080}. */
    public String baseUrl() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port();
    }

    /** Subscribers of {@code /events} currently connected. */
    int eventSubscribers() {
        return events.subscribers();
    }

    @Override
    public void close() {
        app.stop();
        slowWork.shutdownNow();
    }

    /** "ip METHOD /path" for logs; "?" once the request is gone (an ended event stream). */
    private static String describe(Context ctx) {
        try {
            return ctx.ip() + " " + ctx.method() + " " + ctx.path();
        } catch (RuntimeException gone) {
            return "?";
        }
    }

    private static void writeError(Context ctx, int status, String message) {
        ctx.attribute(ERROR_WRITTEN, Boolean.TRUE);
        ctx.status(status).json(new Dtos.ErrorBody(message));
    }

    /** Javalin's own errors (no route, wrong method) get the same JSON shape as ours. */
    private static void writeDefaultError(Context ctx, int status, String message) {
        if (ctx.attribute(ERROR_WRITTEN) == null) {
            writeError(ctx, status, message);
        }
    }
}
