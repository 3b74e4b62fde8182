/**
 * Keeping the grid and the members' data files in step across restarts and ownership changes: FileLoader offers a
 * member's files to the grid at start (MergeIfNewerProcessor), PartitionFiller writes partitions a member comes to own
 * to its files (PersistLocallyProcessor), LoadBarrier tells a node when every member's files are in.
 * <p>
 * May depend on: grid.profile, grid.persist and the packages below them.
 */
package io.tailor.grid.recovery;
