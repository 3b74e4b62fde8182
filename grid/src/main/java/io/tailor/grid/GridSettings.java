package io.tailor.grid;

import io.tailor.grid.persist.PersistenceSettings;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.profile.ProfileSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings of one grid member, validated on construction with messages that name the setting.
 *
 * @param clusterName       members with the same name form one cluster.
 * @param bindAddress       address the member listens on and announces, e.g. 127.0.0.1.
 * @param memberPort        member-to-member port, 1 to 65535.
 * @param members           {@code host:port} of members to join; may include this one; empty to start alone.
 * @param partitionThreads  Hazelcast partition threads, 1 to 64.
 * @param profileBackups    synchronous backups of each profile, 0 to 6.
 * @param dimensions        item and affinity vector dimension, 8 to 1024; the same on every member.
 * @param profile           how events change profiles.
 * @param model             item model settings.
 * @param flushInterval     how often item deltas are merged into the grid, 50 ms to 60 s.
 * @param refreshInterval   how often the local model is checked for rebuild, 10 ms to 60 s.
 * @param signalRingBytes   capacity of the item signal ring, a power of two from 64 KiB to 1 GiB.
 * @param dataDir           directory for this member's data files, or {@code null} for none (no persistence).
 * @param persistence       how the member persists to {@code dataDir}.
 * @param retention         how long idle profiles are kept.
 * @param establishedShownInterval how often impressions of established products (not new arrivals) are merged into
 *                          the grid, 50 ms to 1 h: they feed only the products' stats, so by default every
 *                          {@link #ESTABLISHED_SHOWN_INTERVAL} rather than every flush (see {@code ModelRefresher}).
 */
public record GridSettings(
    String clusterName,
    String bindAddress,
    int memberPort,
    List<String> members,
    int partitionThreads,
    int profileBackups,
    int dimensions,
    ProfileSettings profile,
    ModelSettings model,
    Duration flushInterval,
    Duration refreshInterval,
    int signalRingBytes,
    Path dataDir,
    PersistenceSettings persistence,
    RetentionSettings retention,
    Duration establishedShownInterval)
{
    /** Default member port, as Hazelcast's. */
    public static final int DEFAULT_MEMBER_PORT = 5701;
    /** Default vector dimension. */
    public static final int DEFAULT_DIMENSIONS = 64;
    /** Default of {@link #establishedShownInterval()}. */
    public static final Duration ESTABLISHED_SHOWN_INTERVAL = Duration.ofSeconds(30);

    /**
     * Validates.
     *
     * @param clusterName      cluster name.
     * @param bindAddress      bind address.
     * @param memberPort       member port.
     * @param members          members to join.
     * @param partitionThreads partition threads.
     * @param profileBackups   profile backups.
     * @param dimensions       vector dimension.
     * @param profile          profile settings.
     * @param model            model settings.
     * @param flushInterval    flush interval.
     * @param refreshInterval  refresh interval.
     * @param signalRingBytes  ring capacity.
     * @param dataDir          data directory.
     * @param persistence      persistence settings.
     * @param retention        retention settings.
     * @param establishedShownInterval how often established products' impressions are merged.
     */
    public GridSettings
    {
        require(clusterName != null && clusterName.matches("[A-Za-z0-9._-]{1,64}"),
            "cluster name must be 1 to 64 letters, digits, '.', '_' or '-': " + clusterName);
        require(bindAddress != null && !bindAddress.isBlank(), "bind address must be given");
        require(memberPort >= 1 && memberPort <= 65535, "grid port must be in 1..65535: " + memberPort);
        members = List.copyOf(members);
        for (final String member : members)
        {
            require(member.matches("[^:\\s]+:\\d{1,5}"), "join address must be host:port: '" + member + "'");
        }
        require(partitionThreads >= 1 && partitionThreads <= 64,
            "partition threads must be in 1..64: " + partitionThreads);
        require(profileBackups >= 0 && profileBackups <= 6, "profile backups must be in 0..6: " + profileBackups);
        require(dimensions >= 8 && dimensions <= 1024, "dimensions must be in 8..1024: " + dimensions);
        require(profile != null && model != null, "profile and model settings must be given");
        require(between(flushInterval, Duration.ofMillis(50), Duration.ofSeconds(60)),
            "flush interval must be in 50ms..60s: " + flushInterval);
        require(between(refreshInterval, Duration.ofMillis(10), Duration.ofSeconds(60)),
            "refresh interval must be in 10ms..60s: " + refreshInterval);
        require(Integer.bitCount(signalRingBytes) == 1 && signalRingBytes >= 65_536 &&
            signalRingBytes <= (1 << 30), "signal ring must be a power of two in 64KiB..1GiB: " + signalRingBytes);
        require(persistence != null, "persistence settings must be given");
        require(retention != null, "retention settings must be given");
        require(between(establishedShownInterval, Duration.ofMillis(50), Duration.ofHours(1)),
            "established products' impression interval must be in 50ms..1h: " + establishedShownInterval);
    }

    /**
     * Settings that merge established products' impressions every {@link #ESTABLISHED_SHOWN_INTERVAL}.
     *
     * @param clusterName      cluster name.
     * @param bindAddress      bind address.
     * @param memberPort       member port.
     * @param members          members to join.
     * @param partitionThreads partition threads.
     * @param profileBackups   profile backups.
     * @param dimensions       vector dimension.
     * @param profile          profile settings.
     * @param model            model settings.
     * @param flushInterval    flush interval.
     * @param refreshInterval  refresh interval.
     * @param signalRingBytes  ring capacity.
     * @param dataDir          data directory.
     * @param persistence      persistence settings.
     * @param retention        retention settings.
     */
    public GridSettings(final String clusterName, final String bindAddress, final int memberPort,
        final List<String> members, final int partitionThreads, final int profileBackups, final int dimensions,
        final ProfileSettings profile, final ModelSettings model, final Duration flushInterval,
        final Duration refreshInterval, final int signalRingBytes, final Path dataDir,
        final PersistenceSettings persistence, final RetentionSettings retention)
    {
        this(clusterName, bindAddress, memberPort, members, partitionThreads, profileBackups, dimensions, profile,
            model, flushInterval, refreshInterval, signalRingBytes, dataDir, persistence, retention,
            ESTABLISHED_SHOWN_INTERVAL);
    }

    /**
     * Settings that keep profiles until erased.
     *
     * @param clusterName      cluster name.
     * @param bindAddress      bind address.
     * @param memberPort       member port.
     * @param members          members to join.
     * @param partitionThreads partition threads.
     * @param profileBackups   profile backups.
     * @param dimensions       vector dimension.
     * @param profile          profile settings.
     * @param model            model settings.
     * @param flushInterval    flush interval.
     * @param refreshInterval  refresh interval.
     * @param signalRingBytes  ring capacity.
     * @param dataDir          data directory.
     * @param persistence      persistence settings.
     */
    public GridSettings(final String clusterName, final String bindAddress, final int memberPort,
        final List<String> members, final int partitionThreads, final int profileBackups, final int dimensions,
        final ProfileSettings profile, final ModelSettings model, final Duration flushInterval,
        final Duration refreshInterval, final int signalRingBytes, final Path dataDir,
        final PersistenceSettings persistence)
    {
        this(clusterName, bindAddress, memberPort, members, partitionThreads, profileBackups, dimensions, profile,
            model, flushInterval, refreshInterval, signalRingBytes, dataDir, persistence, RetentionSettings.NONE);
    }

    /**
     * A copy with other retention settings.
     *
     * @param settings retention settings.
     * @return the copy.
     */
    public GridSettings withRetention(final RetentionSettings settings)
    {
        return new GridSettings(clusterName, bindAddress, memberPort, members, partitionThreads, profileBackups,
            dimensions, profile, model, flushInterval, refreshInterval, signalRingBytes, dataDir, persistence,
            settings, establishedShownInterval);
    }

    /**
     * Settings for a single member on loopback, as {@code tailor serve} starts by default.
     *
     * @param memberPort member port.
     * @param dataDir    data directory, or {@code null}.
     * @return the settings.
     */
    public static GridSettings loopback(final int memberPort, final Path dataDir)
    {
        return new GridSettings("tailor", "127.0.0.1", memberPort, List.of(), 2, 1, DEFAULT_DIMENSIONS,
            ProfileSettings.DEFAULT, ModelSettings.DEFAULT, Duration.ofMillis(500), Duration.ofMillis(250),
            8 << 20, dataDir, dataDir == null ? PersistenceSettings.NONE : PersistenceSettings.DEFAULT);
    }

    /**
     * Whether this member writes data files.
     *
     * @return true with a data directory and persistence enabled.
     */
    public boolean persists()
    {
        return dataDir != null && persistence.enabled();
    }

    /**
     * A copy with another cluster name.
     *
     * @param name cluster name.
     * @return the copy.
     */
    public GridSettings withClusterName(final String name)
    {
        return new GridSettings(name, bindAddress, memberPort, members, partitionThreads, profileBackups,
            dimensions, profile, model, flushInterval, refreshInterval, signalRingBytes, dataDir, persistence,
            retention, establishedShownInterval);
    }

    /**
     * A copy with other item model settings.
     *
     * @param settings model settings.
     * @return the copy.
     */
    public GridSettings withModel(final ModelSettings settings)
    {
        return new GridSettings(clusterName, bindAddress, memberPort, members, partitionThreads, profileBackups,
            dimensions, profile, settings, flushInterval, refreshInterval, signalRingBytes, dataDir, persistence,
            retention, establishedShownInterval);
    }

    /**
     * A copy with other background intervals.
     *
     * @param flush   how often item signals are merged into the grid.
     * @param refresh how often the local model is rebuilt from the grid's changes.
     * @return the copy.
     */
    public GridSettings withIntervals(final Duration flush, final Duration refresh)
    {
        return new GridSettings(clusterName, bindAddress, memberPort, members, partitionThreads, profileBackups,
            dimensions, profile, model, flush, refresh, signalRingBytes, dataDir, persistence, retention,
            establishedShownInterval);
    }

    /**
     * A copy with another interval for merging established products' impressions.
     *
     * @param interval how often they are merged into the grid.
     * @return the copy.
     */
    public GridSettings withEstablishedShownInterval(final Duration interval)
    {
        return new GridSettings(clusterName, bindAddress, memberPort, members, partitionThreads, profileBackups,
            dimensions, profile, model, flushInterval, refreshInterval, signalRingBytes, dataDir, persistence,
            retention, interval);
    }

    /**
     * A copy with other members to join.
     *
     * @param join {@code host:port} list.
     * @return the copy.
     */
    public GridSettings withMembers(final List<String> join)
    {
        return new GridSettings(clusterName, bindAddress, memberPort, join, partitionThreads, profileBackups,
            dimensions, profile, model, flushInterval, refreshInterval, signalRingBytes, dataDir, persistence,
            retention, establishedShownInterval);
    }

    private static boolean between(final Duration value, final Duration min, final Duration max)
    {
        return value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
