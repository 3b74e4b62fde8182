package io.tailor.grid.persist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalFileTest
{
    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryValueAcrossACleanCloseAndReopen()
    {
        final Path file = dir.resolve("p.cm");
        try (LocalFile<String> store = LocalFile.strings(file, 10_000, 16, 100, false))
        {
            for (int i = 0; i < 1_000; i++)
            {
                store.put("k" + i, ("v" + i).getBytes());
            }
            store.remove("k7");
        }
        assertThat(Files.exists(dir.resolve("p.cm.clean"))).isTrue();

        try (LocalFile<String> store = LocalFile.strings(file, 10_000, 16, 100, false))
        {
            final Map<String, String> read = new HashMap<>();
            store.forEach((key, value) -> read.put(key, new String(value)));
            assertThat(read).hasSize(999).containsEntry("k999", "v999").doesNotContainKey("k7");
            assertThat(Files.exists(dir.resolve("p.cm.clean"))).as("marker removed while open").isFalse();
        }
    }

    @Test
    void shouldReplaceAValueWithALongerAndAShorterOneAndIgnoreRemovingAnAbsentKey()
    {
        final byte[] longer = new byte[5_000];
        java.util.Arrays.fill(longer, (byte)7);
        try (LocalFile<Long> store = LocalFile.longs(dir.resolve("r.cm"), 1_000, 41, false))
        {
            store.put(1L, new byte[] {1});
            store.put(2L, new byte[] {2});
            store.put(1L, longer);
            assertThat(store.get(1L)).isEqualTo(longer);
            store.put(1L, new byte[] {3, 4});
            store.remove(99L);
            store.remove(2L);

            assertThat(store.get(1L)).containsExactly(3, 4);
            assertThat(store.get(2L)).isNull();
            assertThat(store.size()).isEqualTo(1);
        }
    }

    @Test
    void shouldRecoverAFileThatWasNotClosedCleanly() throws IOException
    {
        final Path file = dir.resolve("l.cm");
        try (LocalFile<Long> store = LocalFile.longs(file, 10_000, 41, false))
        {
            store.put(42L, new byte[] {1, 2, 3});
        }
        Files.delete(dir.resolve("l.cm.clean"));

        try (LocalFile<Long> store = LocalFile.longs(file, 10_000, 41, false))
        {
            assertThat(store.get(42L)).containsExactly(1, 2, 3);
        }
    }

    @Test
    void shouldRefuseACorruptFileNamingIt() throws IOException
    {
        final Path file = dir.resolve("bad.cm");
        Files.write(file, "this is not a chronicle map".repeat(100).getBytes());

        assertThatThrownBy(() -> LocalFile.strings(file, 10_000, 16, 100, false))
            .isInstanceOf(CorruptDataException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("--discard-corrupt-data");
        assertThat(Files.exists(file)).as("left in place for the operator").isTrue();
    }

    @Test
    void shouldRefuseAnEmptyFile() throws IOException
    {
        final Path file = dir.resolve("empty.cm");
        Files.createFile(file);

        assertThatThrownBy(() -> LocalFile.strings(file, 10_000, 16, 100, false))
            .isInstanceOf(CorruptDataException.class).hasMessageContaining("empty");
    }

    @Test
    void shouldSetACorruptFileAsideWhenToldToDiscard() throws IOException
    {
        final Path file = dir.resolve("bad.cm");
        Files.write(file, "garbage".repeat(1000).getBytes());

        try (LocalFile<String> store = LocalFile.strings(file, 10_000, 16, 100, true))
        {
            assertThat(store.size()).isZero();
            store.put("fresh", new byte[] {9});
        }
        try (var listing = Files.list(dir))
        {
            assertThat(listing.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("bad.cm.corrupt-"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "wrong lowest free chunk for tier with index 8, stored: 560, should be: 561",
        "Wrong number of entries counter for tier with index 1, stored: 4, should be: 5"})
    void shouldTreatRepairedBookkeepingAfterAKillAsNoDamage(final String finding)
    {
        assertThat(LocalFile.isBookkeeping(finding)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Checksum doesn't match, stored: 1, should be from the entry bytes: 2, key: k, value: v",
        "Wrong value size: 77, key: k",
        "Overlapping entry: positions 1-9, key: k, value: v",
        "Entries with duplicate keys within a tier: at pos 1 and 2 with key k, first value is v"})
    void shouldTreatAnyFindingAboutEntriesAsCorruption(final String finding)
    {
        assertThat(LocalFile.isBookkeeping(finding)).isFalse();
    }
}
