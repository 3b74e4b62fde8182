package io.tailor.server.api;

import io.vertx.core.Context;

import java.util.concurrent.Executor;

/**
 * Runs tasks on a Vert.x context (its event loop): how grid futures, which complete on Hazelcast's
 * threads, hand their result back to the loop that owns the request, in one hop.
 */
final class ContextExecutor implements Executor
{
    private final Context context;

    ContextExecutor(final Context context)
    {
        this.context = context;
    }

    @Override
    public void execute(final Runnable task)
    {
        context.runOnContext(v -> task.run());
    }
}
