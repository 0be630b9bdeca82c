package dev.forkbook.server;

import dev.forkbook.kernel.Kernel;
import io.javalin.http.Context;

/** States: list, describe, delete, and the whole lineage tree. */
final class StateController {

    private final Kernel kernel;

    StateController(Kernel kernel) {
        this.kernel = kernel;
    }

    void list(Context ctx) {
        ctx.json(new Dtos.StatesResponse(kernel.listStates()));
    }

    void get(Context ctx) {
        String name = ctx.pathParam("name");
        ctx.json(Dtos.state(kernel.getState(name)
                .orElseThrow(() -> ApiException.notFound("State not found: " + name))));
    }

    void delete(Context ctx) {
        String name = ctx.pathParam("name");
        if (!kernel.deleteState(name)) {
            throw ApiException.notFound("State not found: " + name);
        }
        ctx.json(new Dtos.DeletedResponse(name));
    }

    void tree(Context ctx) {
        ctx.json(new Dtos.TreeResponse(kernel.tree().stream().map(Dtos::node).toList()));
    }
}
