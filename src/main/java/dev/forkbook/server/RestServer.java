package dev.forkbook.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forkbook.kernel.Kernel;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;

/**
 * The kernel's REST API: the seed's routes, bodies and status codes, plus {@code GET /tree},
 * {@code GET /events} and {@code POST /complete}. Every error is a JSON object {@code {"error": "..."}} with a 4xx status.
 */
public final class RestServer implements AutoCloseable {

    private static final String ERROR_WRITTEN = "forkbook.error-written";

    private final ServerConfig config;
    private final Javalin app;

    public RestServer(Kernel kernel, ServerConfig config) {
        this.config = config;
        ObjectMapper mapper = new ObjectMapper();
        AccessGuard guard = new AccessGuard(config);
        KernelController executions = new KernelController(kernel, mapper);
        StateController states = new StateController(kernel);
        EventStream events = new EventStream(kernel, mapper);
        this.app = Javalin.create(javalin -> {
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
            javalin.routes.sse("/events", events::connect);
            javalin.routes.exception(ApiException.class,
                    (e, ctx) -> writeError(ctx, e.status(), e.getMessage()));
            javalin.routes.exception(HttpResponseException.class,
                    (e, ctx) -> writeError(ctx, e.getStatus(), e.getMessage()));
            javalin.routes.exception(Exception.class,
                    (e, ctx) -> writeError(ctx, 500, "Internal error: " + e.getClass().getSimpleName()));
            javalin.routes.error(404, ctx -> writeDefaultError(ctx, 404, "Not found."));
            javalin.routes.error(405, ctx -> writeDefaultError(ctx, 405, "Method not allowed."));
            javalin.routes.error(413, ctx -> writeDefaultError(ctx, 413, "Request body too large."));
            javalin.routes.error(400, ctx -> writeDefaultError(ctx, 400, "Bad request."));
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

    @Override
    public void close() {
        app.stop();
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
