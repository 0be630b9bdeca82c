package dev.forkbook.server;

import dev.forkbook.kernel.DiffRequest;
import dev.forkbook.kernel.Kernel;
import dev.forkbook.kernel.Provenance;
import dev.forkbook.kernel.UnknownStateException;
import io.javalin.http.Context;
import java.util.concurrent.Executor;

/** States: list, describe, delete, compare, and the whole lineage tree. */
final class StateController {

    private final Kernel kernel;
    private final Executor slowWork;

    StateController(Kernel kernel, Executor slowWork) {
        this.kernel = kernel;
        this.slowWork = slowWork;
    }

    void list(Context ctx) {
        ctx.json(new Dtos.StatesResponse(kernel.listStates()));
    }

    void get(Context ctx) {
        String name = ctx.pathParam("name");
        // Describing runs repr() of every variable: never on the threads the control routes need.
        AsyncReply.json(ctx, slowWork, () -> Dtos.state(kernel.getState(name)
                .orElseThrow(() -> ApiException.notFound("State not found: " + name)),
                kernel.provenance(name).orElse(Provenance.NONE)));
    }

    void delete(Context ctx) {
        String name = ctx.pathParam("name");
        if (!kernel.deleteState(name)) {
            throw ApiException.notFound("State not found: " + name);
        }
        ctx.json(new Dtos.DeletedResponse(name));
    }

    void diff(Context ctx) {
        String a = requiredQuery(ctx, "a");
        String b = requiredQuery(ctx, "b");
        int offset = intQuery(ctx, "offset", 0);
        int limit = intQuery(ctx, "limit", DiffRequest.DEFAULT_LIMIT);
        try {
            ctx.json(Dtos.diff(kernel.diff(new DiffRequest(a, b, ctx.queryParam("variable"), offset,
                    limit))));
        } catch (UnknownStateException e) {
            throw ApiException.notFound(e.getMessage());
        }
    }

    private static String requiredQuery(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            throw ApiException.badRequest("Query parameter " + name + " is required.");
        }
        return value;
    }

    private static int intQuery(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badRequest("Query parameter " + name + " must be a non-negative integer.");
    }

    /** {@code PUT /pins {"states": [...]}}: the states this client needs kept in memory. */
    void pin(Context ctx, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), mapper);
        java.util.List<String> names = body.stringList("states");
        kernel.pin(new java.util.LinkedHashSet<>(names));
        ctx.json(new Dtos.PinsResponse(names));
    }

    void tree(Context ctx) {
        ctx.json(new Dtos.TreeResponse(kernel.tree().stream().map(Dtos::node).toList()));
    }
}
