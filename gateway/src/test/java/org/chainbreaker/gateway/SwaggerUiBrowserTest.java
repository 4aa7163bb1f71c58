package org.chainbreaker.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.Metadata;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.chainbreaker.cases.v1.GetCaseRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Swagger UI page in a real headless Chromium (Debian's, driven by its chromedriver): it loads
 * under the gateway's Content-Security-Policy, lists the case service's operations from the
 * generated document, takes a bearer token through "Authorize", and a "Try it out" call of GetCase
 * made from the page reaches the case service with that token and shows the 200 answer. Skipped,
 * saying why, where Chromium or chromedriver is not installed ({@code apt-get install chromium
 * chromium-driver}; {@code .ci/run} installs them when it can).
 */
class SwaggerUiBrowserTest extends RecordingUpstreamTest {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Path CHROMIUM =
            Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));

    /**
     * The status and body cells of the "Server response" table (its header row has cells of the
     * same class).
     */
    private static final String STATUS = "tbody tr.response .response-col_status";

    private static final String BODY = "tbody tr.response .response-col_description pre";

    private static Path profile;
    private static ChromeDriverService service;
    private static WebDriver driver;

    /** Why the browser cannot run here, or null when it can. */
    private static String missing;

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!Files.isExecutable(CHROMIUM)) {
            missing =
                    "no Chromium at "
                            + CHROMIUM
                            + " (apt-get install chromium chromium-driver): the Swagger UI browser test is skipped";
            return;
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            missing =
                    "no chromedriver at "
                            + CHROMEDRIVER
                            + " (apt-get install chromium-driver): the Swagger UI browser test is skipped";
            return;
        }
        profile = Files.createTempDirectory("chainbreaker-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @LocalServerPort int port;

    @BeforeEach
    void reset() {
        // Each test is reported as skipped, with the reason, where the browser is missing.
        Assumptions.assumeTrue(missing == null, missing);
        // A new page each time (the same URL with another fragment would not reload it): no state,
        // no token.
        driver.get("about:blank");
        CASES.reset();
        CASES.answer = request -> null;
    }

    /**
     * Leaves a screenshot of what the browser saw in target/browser/ after each test (to look at
     * when one fails).
     */
    @AfterEach
    void keepEvidence(TestInfo test) throws IOException {
        if (driver == null) {
            return;
        }
        Path dir = Path.of("target", "browser");
        Files.createDirectories(dir);
        String name = test.getTestMethod().map(m -> m.getName()).orElse("test");
        Files.write(
                dir.resolve(name + ".png"),
                ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    /** The CaseService operation ids the generated document lists. */
    private List<String> caseServiceOperations() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String json =
                    http.send(
                                    HttpRequest.newBuilder(URI.create(base() + "/openapi.json"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
            List<String> ids = new ArrayList<>();
            for (Map.Entry<String, JsonElement> path :
                    JsonParser.parseString(json)
                            .getAsJsonObject()
                            .getAsJsonObject("paths")
                            .entrySet()) {
                for (Map.Entry<String, JsonElement> op :
                        path.getValue().getAsJsonObject().entrySet()) {
                    JsonObject operation = op.getValue().getAsJsonObject();
                    if (operation
                            .getAsJsonArray("tags")
                            .get(0)
                            .getAsString()
                            .equals("CaseService")) {
                        ids.add(operation.get("operationId").getAsString());
                    }
                }
            }
            return ids;
        }
    }

    @Test
    void the_page_loads_lists_the_operations_and_an_authorised_try_it_out_succeeds()
            throws Exception {
        // The browser is shared by the class: what earlier tests logged is not this page's.
        driver.manage().logs().get(LogType.BROWSER);
        driver.get(base() + "/docs");
        WebDriverWait wait = waiting();

        // It loads and lists every CaseService operation of the document.
        wait.until(d -> !d.findElements(By.cssSelector(".opblock")).isEmpty());
        List<String> expected = caseServiceOperations();
        assertThat(expected)
                .contains("CaseService_GetCase", "CaseService_ListCases", "CaseService_ShareCase");
        List<String> shown =
                driver.findElements(By.cssSelector(".opblock")).stream()
                        .map(e -> e.getDomAttribute("id"))
                        .toList();
        for (String operationId : expected) {
            assertThat(shown).contains("operations-CaseService-" + operationId);
        }
        WebElement getCase =
                driver.findElement(By.id("operations-CaseService-CaseService_GetCase"));
        assertThat(getCase.findElement(By.cssSelector(".opblock-summary-method")).getText())
                .isEqualTo("GET");
        assertThat(getCase.findElement(By.cssSelector(".opblock-summary-path")).getText())
                .contains("/api/v1/cases/{id}");
        assertThat(driver.findElement(By.cssSelector(".info .title")).getText())
                .contains("Chainbreaker API");

        // Authorise with a bearer token.
        String token = TOKENS.token("KR");
        driver.findElement(By.cssSelector(".auth-wrapper button.authorize")).click();
        WebElement bearer =
                wait.until(
                        d ->
                                d.findElements(By.cssSelector(".modal-ux .auth-container")).stream()
                                        .filter(c -> c.getText().contains("bearerAuth"))
                                        .findFirst()
                                        .orElse(null));
        bearer.findElement(By.cssSelector("input")).sendKeys(token);
        bearer.findElement(By.cssSelector("button.authorize")).click();
        wait.until(
                d ->
                        bearer.getText().contains("Logout")
                                || bearer.getText().contains("Authorized"));
        driver.findElement(By.cssSelector(".modal-ux button.close-modal")).click();
        wait.until(d -> d.findElements(By.cssSelector(".modal-ux")).isEmpty());

        // Try it out: GET /api/v1/cases/{id}.
        getCase.findElement(By.cssSelector(".opblock-summary-control")).click();
        wait.until(d -> !getCase.findElements(By.cssSelector(".try-out__btn")).isEmpty());
        getCase.findElement(By.cssSelector(".try-out__btn")).click();
        WebElement id =
                wait.until(
                        d ->
                                getCase
                                        .findElements(
                                                By.cssSelector("tr[data-param-name='id'] input"))
                                        .stream()
                                        .filter(e -> e.isDisplayed() && e.isEnabled())
                                        .findFirst()
                                        .orElse(null));
        id.sendKeys("case-42");
        getCase.findElement(By.cssSelector("button.execute")).click();
        WebElement live =
                wait.until(
                        d ->
                                getCase
                                        .findElements(By.cssSelector(".live-responses-table"))
                                        .stream()
                                        .findFirst()
                                        .orElse(null));
        wait.until(
                d ->
                        !live.findElements(By.cssSelector(STATUS)).isEmpty()
                                && !live.findElements(By.cssSelector(BODY)).isEmpty());

        assertThat(live.findElement(By.cssSelector(STATUS)).getText().strip()).isEqualTo("200");
        String body = live.findElement(By.cssSelector(BODY)).getText().replaceAll("\\s", "");
        assertThat(body).contains("\"id\":\"case-42\"", "\"title\":\"Acase\"");
        assertThat(getCase.findElement(By.cssSelector(".request-url")).getText())
                .contains(base() + "/api/v1/cases/case-42");

        // The call reached the case service, as the caller the token names.
        assertThat(CASES.lastMethod.get()).isEqualTo("GetCase");
        assertThat(((GetCaseRequest) CASES.lastRequest.get()).getId()).isEqualTo("case-42");
        assertThat(CASES.lastHeaders.get().get(AUTHORIZATION)).isEqualTo("Bearer " + token);

        // Nothing the page needs was refused by the Content-Security-Policy, and no script failed.
        // One failure is
        // expected: the discovery document of the test issuer (https://idp.test) cannot be fetched
        // (the gateway's
        // policy allows connections to itself only, and the host does not exist); Swagger UI then
        // leaves the OpenID
        // Connect entry out of its dialog and logs the failed fetch.
        List<String> console =
                driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                        .map(LogEntry::getMessage)
                        .toList();
        boolean discoveryFailed = console.stream().anyMatch(m -> m.contains("idp.test"));
        List<String> problems =
                console.stream()
                        .filter(m -> !m.contains("idp.test"))
                        .filter(m -> !(discoveryFailed && m.contains("TypeError: Failed to fetch")))
                        .toList();
        assertThat(problems).as("the browser console: %s", console).isEmpty();
    }

    @Test
    void without_authorising_the_same_call_is_refused() {
        driver.get(base() + "/docs#/CaseService/CaseService_GetCase");
        WebDriverWait wait = waiting();
        WebElement getCase =
                wait.until(
                        d ->
                                d
                                        .findElements(
                                                By.id("operations-CaseService-CaseService_GetCase"))
                                        .stream()
                                        .findFirst()
                                        .orElse(null));
        wait.until(d -> !getCase.findElements(By.cssSelector(".try-out__btn")).isEmpty());
        getCase.findElement(By.cssSelector(".try-out__btn")).click();
        WebElement id =
                wait.until(
                        d ->
                                getCase
                                        .findElements(
                                                By.cssSelector("tr[data-param-name='id'] input"))
                                        .stream()
                                        .filter(e -> e.isDisplayed() && e.isEnabled())
                                        .findFirst()
                                        .orElse(null));
        id.sendKeys("case-42");
        getCase.findElement(By.cssSelector("button.execute")).click();
        WebElement live =
                wait.until(
                        d ->
                                getCase
                                        .findElements(By.cssSelector(".live-responses-table"))
                                        .stream()
                                        .findFirst()
                                        .orElse(null));
        wait.until(d -> !live.findElements(By.cssSelector(STATUS)).isEmpty());
        assertThat(live.findElement(By.cssSelector(STATUS)).getText().strip()).isEqualTo("401");
        assertThat(CASES.lastMethod.get()).isNull();
    }
}
