package org.chainbreaker.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/lib/stale.sh, which bin/run-local and bin/bench use to decide whether to rebuild before they
 * run the jars: run by bash on a small project tree whose file times the test sets.
 */
class StaleJarCheckTest {

    private static final Instant BUILT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir Path project;

    @Test
    void a_jar_older_than_any_source_or_pom_of_any_module_is_stale_and_a_fresh_one_is_not()
            throws Exception {
        Path jar = file("gateway/target/gateway-exec.jar", BUILT);
        file("pom.xml", BUILT.minusSeconds(60));
        file("gateway/pom.xml", BUILT.minusSeconds(60));
        file("gateway/src/main/java/G.java", BUILT.minusSeconds(60));
        Path platformSource = file("platform/src/main/java/P.java", BUILT.minusSeconds(60));
        Path platformPom = file("platform/pom.xml", BUILT.minusSeconds(60));
        assertThat(stale(jar)).as("every source older than the jar").isFalse();

        // A pulled change to a module the jar embeds.
        Files.setLastModifiedTime(platformSource, FileTime.from(BUILT.plusSeconds(5)));
        assertThat(stale(jar)).as("a platform source newer than the gateway's jar").isTrue();
        Files.setLastModifiedTime(platformSource, FileTime.from(BUILT.minusSeconds(60)));

        Files.setLastModifiedTime(platformPom, FileTime.from(BUILT.plusSeconds(5)));
        assertThat(stale(jar)).as("a module's pom newer than the jar").isTrue();
        Files.setLastModifiedTime(platformPom, FileTime.from(BUILT.minusSeconds(60)));

        file("pom.xml", BUILT.plusSeconds(5));
        assertThat(stale(jar)).as("the root pom newer than the jar").isTrue();
        file("pom.xml", BUILT.minusSeconds(60));

        // Build output newer than the jar is no source.
        file("platform/target/classes/P.class", BUILT.plusSeconds(5));
        assertThat(stale(jar)).as("only build output is newer").isFalse();

        assertThat(stale(project.resolve("case-service/target/case-service-exec.jar")))
                .as("a missing jar")
                .isTrue();
    }

    private Path file(String relative, Instant modified) throws IOException {
        Path path = project.resolve(relative);
        Files.createDirectories(path.getParent());
        if (!Files.exists(path)) {
            Files.writeString(path, relative);
        }
        Files.setLastModifiedTime(path, FileTime.from(modified));
        return path;
    }

    private boolean stale(Path jar) throws Exception {
        Path script = ServiceProcess.projectRoot().resolve("bin/lib/stale.sh");
        Process bash =
                new ProcessBuilder(
                                "bash",
                                "-c",
                                ". \"$1\" && chainbreaker_stale \"$2\" \"$3\"",
                                "check",
                                script.toString(),
                                project.toString(),
                                jar.toString())
                        .redirectErrorStream(true)
                        .start();
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.exitValue()).as(output).isIn(0, 1);
        return bash.exitValue() == 0;
    }
}
