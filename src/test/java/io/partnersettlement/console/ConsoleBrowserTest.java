package io.partnersettlement.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian's chromium and chromium-driver, driven by Selenium): an operator
 * signs in, filters the statements, confirms two and sees them change state, opens one, follows a detail to its records
 * by file and line, and downloads the statement's workbook, which opens; an analyst sees no action button and the API
 * refuses the analyst's action (403). Screenshots: console-*.png (see SCREENSHOTS). Statements used: ST-202609-P001, P002.
 * Without Chromium the test is skipped, except under CI=true, where it fails.
 */
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /**
     * Where the screenshots go: target/console-screenshots, or docs/ for the README's pictures when
     * SETTLEMENT_CONSOLE_SCREENSHOTS=docs (so that an ordinary test run leaves the documentation alone).
     */
    static final Path SCREENSHOTS = Path.of(System.getenv().getOrDefault("SETTLEMENT_CONSOLE_SCREENSHOTS",
            "target/console-screenshots"));

    static ConsoleFixture console;
    static WebDriver browser;
    static Path downloads;
    static Path profile;

    @BeforeAll
    static void start() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver; .ci/run installs them)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(installed, "chromium and chromium-driver are not installed: "
                + "apt-get install chromium chromium-driver");
        console = ConsoleFixture.shared();
        downloads = Files.createTempDirectory("console-downloads");
        profile = Files.createTempDirectory("console-chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1400,1000", "--lang=en-US");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        browser.manage().window().setSize(new Dimension(1400, 1000));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorConfirmsTwoStatementsAndTracesADetailToItsRecords() throws Exception {
        signIn(ConsoleFixture.OPERATOR, ConsoleFixture.OPERATOR_PASSWORD);
        assertThat(browser.findElement(By.id("signed-in-user")).getText()).isEqualTo("operator");

        // filter: the pending statements of 2026-09
        open("/statements");
        new Select(browser.findElement(By.id("filter-period"))).selectByValue("2026-09");
        new Select(browser.findElement(By.id("filter-status"))).selectByValue("PENDING_CONFIRMATION");
        browser.findElement(By.id("apply-filter")).click();
        waitFor(() -> browser.getCurrentUrl().contains("status=PENDING_CONFIRMATION"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#statements tbody tr"));
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.getText()).contains("2026-09", "Pending confirmation"));
        screenshot("statements");

        // confirm two: both leave the pending list and show their new state
        browser.findElement(By.id("select-ST-202609-P001")).click();
        browser.findElement(By.id("select-ST-202609-P002")).click();
        browser.findElement(By.id("confirm-note")).sendKeys("checked against the partner's figures");
        browser.findElement(By.id("confirm-selected")).click();
        waitFor(() -> !browser.findElements(By.id("flash-done")).isEmpty());
        assertThat(browser.findElement(By.id("flash-done")).getText())
                .isEqualTo("confirmed: ST-202609-P001, ST-202609-P002");
        assertThat(browser.findElements(By.cssSelector("tr[data-statement='ST-202609-P001']"))).isEmpty();
        screenshot("confirmed");
        assertThat(console.status("ST-202609-P001")).isEqualTo("PENDING_COUNTERSIGN");
        assertThat(console.status("ST-202609-P002")).isEqualTo("PENDING_COUNTERSIGN");
        open("/statements?period=2026-09&partner=P001");
        assertThat(browser.findElement(By.cssSelector("tr[data-statement='ST-202609-P001']")).getText())
                .contains("Pending countersign");

        // one statement: figures, history, its transition as a button, its workbook
        browser.findElement(By.linkText("ST-202609-P001")).click();
        waitFor(() -> !browser.findElements(By.id("statement-id")).isEmpty());
        assertThat(browser.findElement(By.id("statement-status")).getText()).isEqualTo("Pending countersign");
        assertThat(browser.findElement(By.id("history")).getText()).contains("operator", "PENDING_CONFIRMATION",
                "PENDING_COUNTERSIGN", "checked against the partner's figures");
        assertThat(browser.findElements(By.id("to-COUNTERSIGNING"))).hasSize(1);
        screenshot("statement");

        // the workbook downloads and opens
        WebElement workbook = browser.findElements(By.cssSelector("#documents a.download")).stream()
                .filter(a -> a.getText().equals("ST-202609-P001.xlsx")).findFirst().orElseThrow();
        workbook.click();
        Path downloaded = downloads.resolve("ST-202609-P001.xlsx");
        waitFor(() -> Files.exists(downloaded) && !partialDownloads());
        try (XSSFWorkbook opened = new XSSFWorkbook(Files.newInputStream(downloaded))) {
            assertThat(opened.getSheet("Statement")).isNotNull();
            assertThat(opened.getSheet("Details")).isNotNull();
        }

        // a detail, traced to its records by file and line
        String detail = console.jdbc().queryForObject("""
                SELECT MIN(x.detail_id) FROM statement_detail x JOIN incentive_detail d ON d.detail_id = x.detail_id
                 WHERE x.statement_id = 'ST-202609-P001' AND d.parent_detail_id IS NULL AND d.record_count > 1""",
                String.class);
        browser.findElement(By.linkText(detail)).click();
        waitFor(() -> !browser.findElements(By.id("detail-id")).isEmpty());
        long records = console.jdbc().queryForObject("SELECT record_count FROM incentive_detail WHERE detail_id = ?",
                Long.class, detail);
        List<WebElement> lines = browser.findElements(By.cssSelector("#records tbody tr"));
        assertThat(lines).hasSize((int) records);
        assertThat(lines.get(0).findElements(By.tagName("td")).get(0).getText()).startsWith("archive/consumption-");
        assertThat(Long.parseLong(lines.get(0).findElements(By.tagName("td")).get(1).getText())).isPositive();
        assertThat(browser.findElement(By.id("records-total")).getText())
                .endsWith(console.jdbc().queryForObject("SELECT base FROM incentive_detail WHERE detail_id = ?",
                        java.math.BigDecimal.class, detail).stripTrailingZeros().toPlainString());
        screenshot("detail");

        // the same pages in Chinese
        open("/statements?period=2026-09&lang=zh_CN");
        assertThat(browser.findElement(By.id("nav-statements")).getText()).isEqualTo("对账单");
        screenshot("statements-zh");
        open("/runs?lang=en");
        assertThat(browser.findElement(By.id("runs")).getText()).contains("nightly", "COMPLETED");
        screenshot("runs");
        open("/audit?action=CONFIRM");
        assertThat(browser.findElement(By.id("audit")).getText()).contains("ST-202609-P001,ST-202609-P002");
        screenshot("audit");
        signOut();
    }

    @Test
    void anAnalystSeesNoActionAndTheApiRefusesTheAnalystsAction() throws Exception {
        signIn(ConsoleFixture.ANALYST, ConsoleFixture.ANALYST_PASSWORD);
        open("/statements?period=2026-09");
        assertThat(browser.findElements(By.cssSelector("#statements tbody tr"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("input[type=checkbox]"))).isEmpty();
        assertThat(browser.findElements(By.id("confirm-selected"))).isEmpty();
        open("/statements/ST-202609-P008");
        assertThat(browser.findElements(By.cssSelector("#transitions, #confirm-this, form.transition"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#documents a.download"))).isNotEmpty();
        screenshot("analyst");
        String detail = console.jdbc().queryForObject(
                "SELECT MIN(detail_id) FROM statement_detail WHERE statement_id = 'ST-202609-P008'", String.class);
        open("/details/" + detail);
        assertThat(browser.findElements(By.id("freeze"))).isEmpty();
        open("/runs");
        assertThat(browser.findElements(By.id("rerun-form"))).isEmpty();

        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(console.url("/api/statements/confirm")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ConsoleFixture.ANALYST + ":" + ConsoleFixture.ANALYST_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"statementIds\":[\"ST-202609-P008\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        assertThat(console.status("ST-202609-P008")).isEqualTo("PENDING_CONFIRMATION");
        signOut();

        // a wrong password: said on the sign-in page
        open("/login");
        browser.findElement(By.id("username")).sendKeys(ConsoleFixture.ANALYST);
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.id("sign-in")).click();
        waitFor(() -> !browser.findElements(By.id("sign-in-failure")).isEmpty());
        assertThat(browser.findElement(By.id("sign-in-failure")).getText()).isEqualTo("wrong user name or password");
        screenshot("sign-in");
    }

    static void signIn(String user, String password) {
        open("/login?lang=en");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        waitFor(() -> !browser.findElements(By.id("signed-in-user")).isEmpty());
    }

    static void signOut() {
        browser.findElement(By.id("sign-out")).click();
        waitFor(() -> browser.getCurrentUrl().contains("/login"));
    }

    static void open(String path) {
        browser.get(console.url(path));
    }

    static void waitFor(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> condition.getAsBoolean());
    }

    static boolean partialDownloads() {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
        } catch (IOException e) {
            return true;
        }
    }

    /** console-NAME.png: the page as the browser shows it, for the README and for a person to look at. */
    static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve("console-" + name + ".png"), png);
    }
}
