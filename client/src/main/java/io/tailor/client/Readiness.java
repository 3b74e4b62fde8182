package io.tailor.client;

/**
 * A node's {@code /health/ready}.
 *
 * @param ready    whether it serves (joined the grid, snapshots loaded).
 * @param members  grid members it sees.
 * @param products products in its snapshot.
 */
public record Readiness(boolean ready, int members, long products)
{
}
