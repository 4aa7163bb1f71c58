package org.chainbreaker.devstack;

import java.io.IOException;
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
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a copy of the database server's disk holds (issue 18): every file under the data directory
 * of the shared embedded server (base/, global/, pg_wal/, ...) read as raw bytes, after a
 * checkpoint has written every page and the current WAL segment has been closed. This is what a
 * backup of the files or a stolen disk gives; {@link SuperuserScan} is what a superuser's queries
 * give.
 */
public final class DiskScan {

    private final Path dataDirectory;
    private final long files;
    private final long bytes;
    private final Set<String> found;

    private DiskScan(Path dataDirectory, long files, long bytes, Set<String> found) {
        this.dataDirectory = dataDirectory;
        this.files = files;
        this.bytes = bytes;
        this.found = found;
    }

    /**
     * Checkpoints the shared server as its superuser, switches the WAL, then searches every file of
     * its data directory for the UTF-8 bytes of each value.
     *
     * @throws IllegalStateException when the data directory is not on this machine (a container)
     */
    public static DiskScan of(List<String> values) throws SQLException {
        Path dir;
        try (Connection db = PostgresServer.shared().superuserConnection("postgres");
                Statement s = db.createStatement()) {
            s.execute("checkpoint");
            s.execute("select pg_switch_wal()");
            s.execute("checkpoint");
            try (ResultSet rs = s.executeQuery("select current_setting('data_directory')")) {
                rs.next();
                dir = Path.of(rs.getString(1));
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(
                    "the server's data directory " + dir + " is not on this machine");
        }
        List<byte[]> needles = new ArrayList<>();
        values.forEach(v -> needles.add(v.getBytes(StandardCharsets.UTF_8)));
        Set<String> found = new LinkedHashSet<>();
        long[] counts = new long[2];
        try (Stream<Path> paths = Files.walk(dir)) {
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
                    if (contains(content, needles.get(i))) {
                        found.add(values.get(i));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DiskScan(dir, counts[0], counts[1], found);
    }

    /** The values whose bytes are in some file, in the order asked. */
    public Set<String> found() {
        return found;
    }

    @Override
    public String toString() {
        return files + " files, " + bytes + " bytes under " + dataDirectory;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        if (needle.length == 0) {
            return true;
        }
        byte first = needle[0];
        int last = haystack.length - needle.length;
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
