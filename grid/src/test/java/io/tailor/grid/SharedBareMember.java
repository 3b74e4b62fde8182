package io.tailor.grid;

import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One bare member ({@link GridFixtures#bareMember}: no data files) shared by a test class's tests, started before the
 * first and terminated after the last. Register it as a static field with {@code @RegisterExtension}; tests that
 * must not see each other's data use maps of their own names.
 */
public final class SharedBareMember implements BeforeAllCallback, AfterAllCallback
{
    private HazelcastInstance member;

    @Override
    public void beforeAll(final ExtensionContext context)
    {
        member = GridFixtures.bareMember(null, false);
    }

    @Override
    public void afterAll(final ExtensionContext context)
    {
        member.getLifecycleService().terminate();
    }

    /**
     * The member, once the class's tests have started.
     *
     * @return the running member.
     */
    public HazelcastInstance member()
    {
        return member;
    }
}
