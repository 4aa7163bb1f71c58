package org.chainbreaker.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * What a copy of the database server's disk holds: every file under the data directory of the
 * shared server (base/, global/, pg_wal/, ...) read as raw bytes, after a checkpoint has written
 * every page and the current WAL segment has been closed. This is what a backup of the files or a
 * stolen disk gives; {@link SuperuserScan} is what a superuser's queries give. The embedded
 * server's files are read on this machine; a container's are read out of it as the tar archive
 * Docker makes of the directory, searched as one stream (a file's bytes are contiguous in a tar, so
 * a value in a file is found there too).
 */
public final class DiskScan {

    private final String source;
    private final long bytes;
    private final Set<String> found;

    private DiskScan(String source, long bytes, Set<String> found) {
        this.source = source;
        this.bytes = bytes;
        this.found = found;
    }

    /**
     * Checkpoints the shared server as its superuser, switches the WAL, then searches every file of
     * its data directory for the UTF-8 bytes of each value.
     */
    public static DiskScan of(List<String> values) throws SQLException {
        String dir;
        try (Connection db = PostgresServer.shared().superuserConnection("postgres");
                Statement s = db.createStatement()) {
            s.execute("checkpoint");
            s.execute("select pg_switch_wal()");
            s.execute("checkpoint");
            try (ResultSet rs = s.executeQuery("select current_setting('data_directory')")) {
                rs.next();
                dir = rs.getString(1);
            }
        }
        List<byte[]> needles = new ArrayList<>();
        values.forEach(v -> needles.add(v.getBytes(StandardCharsets.UTF_8)));
        Optional<PostgreSQLContainer> container = PostgresServer.shared().container();
        if (container.isPresent()) {
            return ofContainer(container.get(), dir, values, needles);
        }
        Path local = Path.of(dir);
        if (!Files.isDirectory(local)) {
            throw new IllegalStateException(
                    "the server's data directory " + dir + " is not on this machine");
        }
        Set<String> found = new LinkedHashSet<>();
        long[] counts = new long[2];
        try (Stream<Path> paths = Files.walk(local)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                byte[] content;
                try {
                    content = Files.readAllBytes(file);
                } catch (NoSuchFileException gone) {
                    continue; // a temporary file the server removed meanwhile
                }
                counts[0]++;
                counts[1] += content.length;
                for (int i = 0; i < needles.size(); i++) {
                    if (contains(content, content.length, needles.get(i))) {
                        found.add(values.get(i));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DiskScan(counts[0] + " files under " + dir, counts[1], found);
    }

    private static DiskScan ofContainer(
            PostgreSQLContainer container, String dir, List<String> values, List<byte[]> needles) {
        int overlap = needles.stream().mapToInt(n -> n.length).max().orElse(1) - 1;
        byte[] window = new byte[(1 << 20) + overlap];
        Set<String> found = new LinkedHashSet<>();
        long bytes = 0;
        try (InputStream tar =
                container
                        .getDockerClient()
                        .copyArchiveFromContainerCmd(container.getContainerId(), dir)
                        .exec()) {
            int kept = 0;
            for (int read = tar.read(window, kept, window.length - kept);
                    read >= 0;
                    read = tar.read(window, kept, window.length - kept)) {
                bytes += read;
                int filled = kept + read;
                for (int i = 0; i < needles.size(); i++) {
                    if (contains(window, filled, needles.get(i))) {
                        found.add(values.get(i));
                    }
                }
                // Keep the tail: a value may straddle two reads.
                kept = Math.min(overlap, filled);
                System.arraycopy(window, filled - kept, window, 0, kept);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DiskScan(
                "a tar of " + dir + " in container " + container.getContainerName(), bytes, found);
    }

    /** The values whose bytes are in some file, in the order asked. */
    public Set<String> found() {
        return found;
    }

    @Override
    public String toString() {
        return bytes + " bytes in " + source;
    }

    /** Whether {@code needle} is in the first {@code length} bytes of {@code haystack}. */
    private static boolean contains(byte[] haystack, int length, byte[] needle) {
        if (needle.length == 0) {
            return true;
        }
        byte first = needle[0];
        int last = length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
