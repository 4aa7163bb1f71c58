package org.chainbreaker.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The suite's OpenAPI document, as the gateway generates it, passes a standard linter: Redocly CLI
 * (pinned, from the npm registry through npx) with its {@code recommended} rules, 0 errors. Skips,
 * saying why, where no node/npx is installed. Also keeps the copy of the document that system-tests
 * generate their Java client from ({@value #SAVED}) equal to the generated one: run with {@code
 * -Dopenapi.save=true} to rewrite it after a contract change.
 */
class OpenApiLintTest {

    /** Redocly CLI's version, pinned so that a new rule does not break the build unannounced. */
    static final String REDOCLY = "@redocly/cli@2.77.0";

    /** The saved document the generated client is built from, relative to this module. */
    static final String SAVED = "../system-tests/src/test/openapi/chainbreaker-openapi.json";

    /**
     * The document with settings that do not depend on the environment (no issuer, a fixed
     * version).
     */
    static String document() {
        return OpenApiDocument.of(
                                TestDescriptors.contract(),
                                new OpenApiGenerator.Settings("Chainbreaker API", "v1", null),
                                OpenApiLintTest.class.getClassLoader())
                        .jsonText()
                + "\n";
    }

    @Test
    void the_document_passes_redoclys_recommended_rules() throws Exception {
        String npx = onPath("npx");
        assumeTrue(
                npx != null && onPath("node") != null,
                "node/npx is not installed: the Redocly lint cannot run here");
        Path dir = Files.createTempDirectory("openapi-lint");
        Files.writeString(dir.resolve("openapi.json"), document());
        Files.writeString(dir.resolve("redocly.yaml"), "extends:\n  - recommended\n");
        Process process =
                new ProcessBuilder(
                                npx, "--yes", REDOCLY, "lint", "openapi.json", "--format=stylish")
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("redocly finished").isTrue();
        System.out.println("Redocly lint of the OpenAPI document:\n" + output);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).doesNotContainPattern("(?m)^\\s*\\d+:\\d+\\s+error");
    }

    @Test
    void the_saved_document_that_the_client_is_generated_from_is_the_generated_one()
            throws IOException {
        Path saved = Path.of(SAVED);
        String generated = document();
        if (Boolean.getBoolean("openapi.save")) {
            Files.createDirectories(saved.getParent());
            Files.writeString(saved, generated);
        }
        assertThat(saved)
                .as("the saved OpenAPI document; write it with -Dopenapi.save=true")
                .exists();
        assertThat(Files.readString(saved))
                .as(
                        "%s drifted from the contract: run this test with -Dopenapi.save=true and commit it",
                        SAVED)
                .isEqualTo(generated);
    }

    private static String onPath(String program) {
        List<String> dirs =
                new ArrayList<>(
                        List.of(
                                System.getenv()
                                        .getOrDefault("PATH", "")
                                        .split(File.pathSeparator)));
        for (String dir : dirs) {
            File file = new File(dir, program);
            if (file.canExecute()) {
                return file.getAbsolutePath();
            }
        }
        return null;
    }
}
