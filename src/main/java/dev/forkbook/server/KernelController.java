package dev.forkbook.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forkbook.kernel.ExecuteRequest;
import dev.forkbook.kernel.Kernel;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/** Executions and kernel-wide commands: execute, multistate_execute, interrupt, complete, reset. */
final class KernelController {

    private final Kernel kernel;
    private final ObjectMapper mapper;
    private final Executor slowWork;
    /**
     * Executions that may run on the request's own thread at once: a quick cell then answers with
     * no hand-over between threads (half the round trip of {@code 1 + 1}); the others go to the
     * pool, so cells never hold more than these of the threads the control routes need.
     */
    private final java.util.concurrent.Semaphore inline =
            new java.util.concurrent.Semaphore(INLINE_EXECUTIONS);
    static final int INLINE_EXECUTIONS = 2;

    KernelController(Kernel kernel, ObjectMapper mapper, Executor slowWork) {
        this.kernel = kernel;
        this.mapper = mapper;
        this.slowWork = slowWork;
    }

    void execute(Context ctx) {
        JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), mapper);
        ExecuteRequest request = new ExecuteRequest(body.optionalString("code", ""),
                body.requiredId("exec_id"), body.requiredString("state_name"),
                body.optionalString("new_state_name", null));
        AsyncReply.jsonInlineFirst(ctx, slowWork, inline,
                () -> Dtos.execution(kernel.execute(request)));
    }

    void multistateExecute(Context ctx) {
        JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), mapper);
        String code = body.optionalString("code", "");
        String execId = body.requiredId("exec_id");
        Map<String, String> mapping = body.requiredStringMap("state_mapping");
        String defaultState = body.optionalString("default_state", null);
        AsyncReply.jsonInlineFirst(ctx, slowWork, inline, () -> Dtos.execution(
                kernel.multistateExecute(code, execId, mapping, defaultState)));
    }

    void executeMany(Context ctx) {
        JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), mapper);
        String code = body.optionalString("code", "");
        String execId = body.requiredId("exec_id");
        List<String> stateNames = body.requiredStringList("state_names");
        // The branches may run for hours: never on the threads /interrupt needs.
        AsyncReply.json(ctx, slowWork, () -> Dtos.executeMany(kernel.executeMany(code, execId,
                stateNames)));
    }

    void interrupt(Context ctx) {
        JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), mapper);
        ctx.json(new Dtos.InterruptResponse(kernel.interrupt(body.requiredId("exec_id"))));
    }

    /** {@code POST /complete {state_name, prefix}}: tab completions against a state. */
    void complete(Context ctx) {
        JsonBody body = JsonBody.parse(ctx.bodyAsBytes(), mapper);
        String state = body.requiredString("state_name");
        String prefix = body.optionalString("prefix", "");
        if (!kernel.listStates().contains(state)) {
            throw ApiException.notFound("State not found: " + state);
        }
        ctx.json(new Dtos.CompletionsResponse(kernel.complete(state, prefix)));
    }

    void reset(Context ctx) {
        kernel.reset();
        ctx.json(new Dtos.StatusResponse("ok"));
    }
}
