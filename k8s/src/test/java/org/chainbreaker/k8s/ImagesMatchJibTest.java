package org.chainbreaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chainbreaker.k8s.Yaml.list;
import static org.chainbreaker.k8s.Yaml.map;
import static org.chainbreaker.k8s.Yaml.meta;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/** The manifests run exactly the images that Jib builds (same registry, name and tag). */
class ImagesMatchJibTest {

    private static final List<String> MODULES =
            List.of("gateway", "case-service", "fugitive-service", "repatriation-service");

    static Stream<Overlays.Overlay> overlays() {
        return Overlays.all();
    }

    private static Document pom(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static String xpath(Document doc, String expression) throws Exception {
        return (String)
                XPathFactory.newInstance()
                        .newXPath()
                        .evaluate(expression, doc, XPathConstants.STRING);
    }

    static String jibImage(String artifactId) throws Exception {
        Document root = pom(Overlays.ROOT.resolve("pom.xml"));
        String pattern =
                xpath(
                                root,
                                "/project/build/pluginManagement/plugins/plugin[artifactId='jib-maven-plugin']"
                                        + "/configuration/to/image")
                        .strip();
        assertThat(pattern).as("jib <to><image> in the root pom's pluginManagement").isNotEmpty();
        return pattern.replace("${project.artifactId}", artifactId)
                .replace("${project.version}", Overlays.VERSION);
    }

    @Test
    void every_deployable_module_declares_jib() throws Exception {
        for (String module : MODULES) {
            Document pom = pom(Overlays.ROOT.resolve(module).resolve("pom.xml"));
            assertThat(
                            xpath(
                                    pom,
                                    "/project/build/plugins/plugin[artifactId='jib-maven-plugin']/groupId"))
                    .as(module)
                    .isEqualTo("com.google.cloud.tools");
        }
        Document root = pom(Overlays.ROOT.resolve("pom.xml"));
        assertThat(
                        xpath(
                                root,
                                "/project/build/pluginManagement/plugins/plugin[artifactId='jib-maven-plugin']"
                                        + "/configuration/from/image"))
                .isEqualTo("${chainbreaker.image.base}");
        assertThat(xpath(root, "/project/properties/chainbreaker.image.base"))
                .as("base image pinned by tag and digest")
                .matches("eclipse-temurin:21\\.0\\.\\d+_\\d+-jre-noble@sha256:[0-9a-f]{64}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void manifests_use_the_images_jib_builds(Overlays.Overlay overlay) throws Exception {
        List<Map<String, Object>> objects = Overlays.render(overlay);
        for (String module : MODULES) {
            Map<String, Object> deployment =
                    objects.stream()
                            .filter(
                                    o ->
                                            "Deployment".equals(o.get("kind"))
                                                    && module.equals(meta(o).get("name")))
                            .findFirst()
                            .orElseThrow();
            Object image =
                    map(list(map(map(map(deployment.get("spec")).get("template")).get("spec"))
                                            .get("containers"))
                                    .getFirst())
                            .get("image");
            // Production pins the release's digest instead of the tag (the image name stays Jib's).
            String expected = jibImage(module);
            if (String.valueOf(image).contains("@sha256:")) {
                assertThat(String.valueOf(image).substring(0, String.valueOf(image).indexOf('@')))
                        .as(module)
                        .isEqualTo(expected.substring(0, expected.lastIndexOf(':')));
            } else {
                assertThat(image).as(module).isEqualTo(expected);
            }
        }
    }
}
