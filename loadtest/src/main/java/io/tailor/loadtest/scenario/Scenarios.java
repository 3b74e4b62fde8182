package io.tailor.loadtest.scenario;

import io.tailor.loadtest.driver.RequestSource;
import io.tailor.loadtest.driver.RequestSourceFactory;

import java.util.List;

/**
 * Makes the request sources of a scenario, one per driver thread.
 */
public final class Scenarios
{
    private Scenarios()
    {
    }

    /**
     * The factory for a scenario.
     *
     * @param settings what to send.
     * @return a factory of per-thread sources.
     */
    public static RequestSourceFactory factory(final ScenarioSettings settings)
    {
        final List<String> types = StorefrontSource.typesOf(settings.target());
        return new RequestSourceFactory()
        {
            @Override
            public List<String> types()
            {
                return types;
            }

            @Override
            public int itemsPerRequest(final int type)
            {
                return settings.target() == ScenarioSettings.Target.EVENTS ? settings.batch() : 1;
            }

            @Override
            public RequestSource create(final int worker, final int workers, final String host)
            {
                return settings.target() == ScenarioSettings.Target.PING ? new PingSource(host) :
                    new StorefrontSource(settings, worker, host);
            }
        };
    }
}
