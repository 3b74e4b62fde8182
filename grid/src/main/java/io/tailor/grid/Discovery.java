package io.tailor.grid;

import com.hazelcast.config.JoinConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a member finds the others: TCP/IP to the listed {@code host:port}s (every address a name resolves
 * to), or, when a listed name is a Kubernetes service ({@code *.svc} or {@code *.svc.cluster.local}),
 * Hazelcast's Kubernetes discovery by DNS on that headless service, which keeps resolving as pods come
 * and go. Multicast and auto-detection are always off.
 */
public final class Discovery
{
    private Discovery()
    {
    }

    /**
     * Configures joining.
     *
     * @param join     the member's join config.
     * @param settings member settings.
     */
    public static void configure(final JoinConfig join, final GridSettings settings)
    {
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        final String service = kubernetesService(settings.members());
        if (service != null)
        {
            final int cut = service.lastIndexOf(':');
            join.getTcpIpConfig().setEnabled(false);
            join.getKubernetesConfig().setEnabled(true)
                .setProperty("service-dns", service.substring(0, cut))
                .setProperty("service-port", service.substring(cut + 1));
            return;
        }
        final List<String> members = settings.members().isEmpty() ?
            List.of(settings.bindAddress() + ":" + settings.memberPort()) : resolve(settings.members());
        join.getTcpIpConfig().setEnabled(true).setMembers(members);
    }

    /**
     * The Kubernetes service among the join addresses, if any.
     *
     * @param members {@code host:port} entries.
     * @return the {@code host:port} of a service name, or {@code null}.
     */
    static String kubernetesService(final List<String> members)
    {
        for (final String member : members)
        {
            final String host = member.substring(0, member.lastIndexOf(':'));
            if (host.endsWith(".svc") || host.endsWith(".svc.cluster.local"))
            {
                return member;
            }
        }
        return null;
    }

    /**
     * Every address of every listed name, with its port; unresolvable names are kept as given so that a
     * member that starts before its peers' names exist can still join them later.
     *
     * @param members {@code host:port} entries.
     * @return {@code address:port} entries.
     */
    static List<String> resolve(final List<String> members)
    {
        final Set<String> resolved = new LinkedHashSet<>();
        for (final String member : members)
        {
            final int cut = member.lastIndexOf(':');
            final String host = member.substring(0, cut);
            final String port = member.substring(cut + 1);
            try
            {
                for (final InetAddress address : InetAddress.getAllByName(host))
                {
                    resolved.add(address.getHostAddress() + ":" + port);
                }
            }
            catch (final UnknownHostException ex)
            {
                resolved.add(member);
            }
        }
        return new ArrayList<>(resolved);
    }
}
