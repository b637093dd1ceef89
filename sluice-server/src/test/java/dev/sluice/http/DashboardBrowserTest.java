package dev.sluice.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.sluice.http.Keys.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/dashboard.md in a real browser against a real server with an admin key: the page asks for
 * the key, a CSV is uploaded through the New import page (its preview marks the cells that would
 * fail), the job reaches 100% with its counts adding up, its failed rows show with their original
 * values, their CSV downloads, a retry with the fixed file completes them, a running job is
 * cancelled from its page, and a job's 30 failed rows page from their cursor (25, then 5). Each page is screenshot (target/dashboard-screenshots/) and checked with
 * axe-core for serious accessibility violations.
 */
class DashboardBrowserTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.sqliteOrPostgres(ServerOptions.chunkRows(50).adminKey(Keys.ADMIN));
    private static Browser browser;
    private static Path work;
    private final List<String> violations = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        new Keys(server).collection("people");
        work = Files.createTempDirectory("sluice-dashboard-");
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void a_file_is_imported_its_failed_rows_fixed_and_a_running_job_cancelled_through_the_pages() throws IOException {
        String parent = uploadThroughThePage();
        String csv = downloadFailedRows();
        retryWithFixedFile(parent, csv);
        cancelARunningJob();
        visitJobsAndCollections();
        pageThroughFailedRows();
        browser.width(390);
        browser.driver.get(base() + "/#/jobs/" + parent);
        browser.text("#invariant", "adds up");
        browser.shoot("job-390px");
        check("job at 390 px");
        browser.driver.get(base() + "/#/jobs");
        browser.find("table.jobs");
        browser.shoot("jobs-390px");
        check("jobs at 390 px");
        assertThat(violations).as("serious accessibility violations (axe-core)").isEmpty();
    }

    /** 200 rows, 3 of them with an age that is not an integer (one among the first rows, for the preview). */
    private String uploadThroughThePage() throws IOException {
        StringBuilder csv = new StringBuilder("email,age\n");
        for (int i = 1; i <= 200; i++) {
            csv.append("p").append(i).append("@x.org,").append(i == 5 || i == 120 || i == 180 ? "old" : i).append('\n');
        }
        Path file = Files.writeString(work.resolve("people.csv"), csv);
        browser.driver.get(base() + "/#/new");
        browser.find("#key-input").sendKeys(Keys.ADMIN);
        browser.find("#key-form button[type=submit]").click();
        browser.present("#file-input").sendKeys(file.toString());
        browser.text("#preview-summary", "1 of the first 20 rows would fail");
        assertThat(browser.text("#preview td.bad", "old")).contains("not an integer");
        new Select(browser.find("#collection-select")).selectByValue("people");
        browser.shoot("new-import");
        check("new import");
        browser.find("#start-import").click();
        String id = browser.until(d -> d.getCurrentUrl().matches(".*#/jobs/[0-9a-f-]{36}$") ? jobIdInUrl() : null,
                "the job's page");
        browser.text(".big-bar .pct", "100%");
        browser.text("h1 .badge", "completed with errors");
        browser.text("#invariant", "200 processed = 197 created + 0 updated + 0 unchanged + 0 skipped + 3 failed ✓ adds up");
        browser.until(d -> browser.rows("table.failed tbody tr").size() == 3, "three failed rows");
        String firstFailed = browser.rows("table.failed tbody tr").get(0);
        assertThat(firstFailed).startsWith("people.csv 6 age invalid_value").contains("age").contains("not an integer").contains("p5@x.org").contains("old");
        browser.shoot("job");
        check("job");
        return id;
    }

    private String downloadFailedRows() throws IOException {
        browser.click("#download-failed");
        String csv = Files.readString(browser.downloaded(), StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("email,age,_line,_error_code,_error_field,_error_message");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("p5@x.org,old,6,");
        assertThat(lines.get(2)).startsWith("p120@x.org,old,121,");
        assertThat(lines.get(3)).startsWith("p180@x.org,old,181,");
        return csv;
    }

    private void retryWithFixedFile(String parent, String failedCsv) throws IOException {
        Path fixed = Files.writeString(work.resolve("fixed.csv"), failedCsv.replace(",old,", ",77,"));
        browser.present("#fixed-file").sendKeys(fixed.toString());
        browser.click("#retry-fixed");
        browser.until(d -> jobIdInUrl() != null && !jobIdInUrl().equals(parent) ? true : null, "the retry's page");
        browser.text("h1 .badge", "completed");
        browser.text("#invariant", "3 processed = 3 created + 0 updated + 0 unchanged + 0 skipped + 0 failed ✓ adds up");
        JsonNode p120 = server.get("/v1/collections/people/records?key=p120%40x.org", bearer(Keys.ADMIN)).json();
        assertThat(p120.get("records").get(0).get("age").asInt()).isEqualTo(77);
        assertThat(server.get("/v1/collections/people", bearer(Keys.ADMIN)).json().get("record_count").asLong())
                .isEqualTo(200);
    }

    /** A big file in chunks of 50 rows runs for seconds: long enough to press Cancel while it runs. */
    private void cancelARunningJob() throws IOException {
        Path big = work.resolve("big.csv");
        try (var out = Files.newBufferedWriter(big)) {
            out.write("email,age\n");
            for (int i = 0; i < 400_000; i++) {
                out.write("big" + i + "@x.org," + (i % 90) + "\n");
            }
        }
        browser.driver.get(base() + "/#/new");
        browser.present("#file-input").sendKeys(big.toString());
        browser.text("#preview-summary", "0 of the first 20 rows would fail");
        new Select(browser.find("#collection-select")).selectByValue("people");
        browser.find("#start-import").click();
        browser.until(d -> jobIdInUrl(), "the big job's page");
        browser.text("h1 .badge", "running");
        browser.click("#cancel");
        browser.text("h1 .badge", "cancelled");
        browser.shoot("job-cancelled");
        JsonNode job = server.get("/v1/imports/" + jobIdInUrl(), bearer(Keys.ADMIN)).json();
        assertThat(job.get("state").asText()).isEqualTo("cancelled");
        assertThat(job.get("counts").get("processed").asLong()).isLessThan(400_000);
    }

    private void visitJobsAndCollections() throws IOException {
        browser.driver.get(base() + "/#/jobs");
        browser.until(d -> browser.rows("table.jobs tbody tr").size() == 3, "three jobs in the list");
        assertThat(browser.rows("table.jobs tbody tr").get(0)).contains("cancelled");
        browser.shoot("jobs");
        check("jobs");
        new Select(browser.find("#filter-state")).selectByValue("completed_with_errors");
        browser.until(d -> browser.rows("table.jobs tbody tr").size() == 1, "one job completed with errors");
        new Select(browser.find("#filter-state")).selectByValue("");
        browser.driver.get(base() + "/#/collections");
        browser.text("main table", "people");
        browser.shoot("collections");
        check("collections");
        browser.find("a[href='#/collections/people']").click();
        browser.text("#record-count", "");
        browser.find("#key-lookup").sendKeys("p120@x.org");
        browser.find("form[role=search] button[type=submit]").click();
        browser.until(d -> {
            List<String> found = browser.rows("section[aria-labelledby=records-title] tbody tr");
            return found.size() == 1 && found.get(0).startsWith("p120@x.org 77") ? true : null;
        }, "the record found by key");
        browser.shoot("collection");
        check("collection");
    }

    /** 30 failed rows: two pages of the failed-rows table, each read from its cursor, original values and all. */
    private void pageThroughFailedRows() {
        StringBuilder csv = new StringBuilder("email,age\n");
        for (int i = 1; i <= 60; i++) {
            csv.append("q").append(i).append("@x.org,").append(i % 2 == 0 ? "bad" + i : String.valueOf(i)).append('\n');
        }
        RunningServer.Answer a = server.post("/v1/collections/people/import?wait=true&file_name=q.csv", "text/csv",
                csv.toString(), bearer(Keys.ADMIN));
        assertThat(a.status()).as("%s", a).isEqualTo(200);
        browser.driver.get(base() + "/#/jobs/" + a.json().get("id").asText());
        browser.until(d -> browser.rows("table.failed tbody tr").size() == 25, "a first page of 25 failed rows");
        assertThat(browser.rows("table.failed tbody tr").get(0)).startsWith("q.csv 3 age invalid_value").contains("q2@x.org");
        browser.click("#failed-next");
        browser.until(d -> browser.rows("table.failed tbody tr").size() == 5, "a second page of 5 failed rows");
        assertThat(browser.rows("table.failed tbody tr")).first().asString().startsWith("q.csv 53 age invalid_value")
                .contains("q52@x.org").contains("bad52");
        assertThat(browser.rows("table.failed tbody tr")).last().asString().startsWith("q.csv 61 ").contains("bad60");
        assertThat(browser.find("#failed-next").isEnabled()).as("no page after the last").isFalse();
        browser.text("nav[aria-label='Failed row pages'] span", "Page 2 of 2");
    }

    private void check(String page) throws IOException {
        browser.seriousViolations().forEach(v -> violations.add(page + ": " + v));
    }

    private static String jobIdInUrl() {
        String url = browser.driver.getCurrentUrl();
        int at = url.indexOf("#/jobs/");
        return at < 0 ? null : url.substring(at + "#/jobs/".length());
    }

    private static String base() {
        return "http://127.0.0.1:" + server.port();
    }
}
