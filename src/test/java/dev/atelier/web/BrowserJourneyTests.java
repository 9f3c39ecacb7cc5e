package dev.atelier.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ScreenshotCaret;

/**
 * Drives a real, headless Chromium through the web UI the way people use it: a creator signs up and applies, a
 * reviewer approves, the admin tops up the creator's wallet, and the creator subscribes and gets AI features.
 *
 * <p>Uses the system Chromium ({@code /usr/bin/chromium}, or the {@code atelier.chromium} system property);
 * Playwright never downloads a browser. Without a browser the test is skipped, unless
 * {@code ATELIER_REQUIRE_BROWSER=true}, in which case it fails. Screenshots land in {@code target/screenshots/};
 * the key pages are also copied to {@code docs/screenshots/}.
 *
 * <p>Every run makes its own accounts, so the test also works against a shared database that holds other data.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@EnabledIf(value = "browserAvailableOrRequired",
        disabledReason = "No Chromium at /usr/bin/chromium (or -Datelier.chromium); install it with "
                + "'apt-get install chromium' to run the browser journey. Set ATELIER_REQUIRE_BROWSER=true to make "
                + "a missing browser fail the build instead.")
class BrowserJourneyTests {

    private static final Path CHROMIUM = Paths.get(System.getProperty("atelier.chromium", "/usr/bin/chromium"));
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final Path DOCS_SCREENSHOTS = Paths.get("docs", "screenshots");
    private static final String ADMIN_EMAIL = "admin@atelier.test";
    private static final String ADMIN_PASSWORD = "admin-password-123";

    private static Playwright playwright;
    private static Browser browser;

    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> browserErrors = new CopyOnWriteArrayList<>();

    @LocalServerPort
    int port;

    /** Skips the class, before Spring starts, when there is no browser, unless a browser is required. */
    static boolean browserAvailableOrRequired() {
        return Files.isExecutable(CHROMIUM) || browserRequired();
    }

    private static boolean browserRequired() {
        return "true".equalsIgnoreCase(System.getenv("ATELIER_REQUIRE_BROWSER"));
    }

    @BeforeAll
    static void launchBrowser() {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("No Chromium at " + CHROMIUM + ", and ATELIER_REQUIRE_BROWSER=true: the browser journey must run. "
                    + "Install it (apt-get install chromium) or point -Datelier.chromium at one.");
        }
        // Playwright must never fetch its own browsers: this build uses the system Chromium, often offline.
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    @Test
    void creator_goes_from_sign_up_to_active_ai_features() throws Exception {
        var run = UUID.randomUUID().toString().substring(0, 8);
        var creatorName = "Maya Okafor";
        var creatorEmail = "maya." + run + "@example.com";
        var creatorPassword = "studio-password-" + run;
        var reviewerName = "Rui Tanaka";
        var reviewerEmail = "rui." + run + "@example.com";
        var reviewerPassword = "reviewer-password-" + run;

        var creator = newPerson();
        try {
            // 1. A creator finds Atelier and joins.
            creator.navigate("/");
            assertThat(creator.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                    .setName("Your craft, your personal AI."))).isVisible();
            screenshot(creator, "landing", "landing.png");

            creator.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join as a creator")).click();
            assertThat(creator.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                    .setName("Create your account"))).isVisible();
            assertThat(creator.getByLabel("a creator: I sell my craft")).isChecked();
            creator.getByLabel("Name to show").fill(creatorName);
            creator.getByLabel("Email").fill(creatorEmail);
            creator.getByLabel("Password").fill(creatorPassword);
            screenshot(creator, "signup", "signup.png");
            creator.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();

            assertThat(creator).hasURL(Pattern.compile("/dashboard$"));
            assertThat(heading(creator, "Hello, " + creatorName)).isVisible();
            assertThat(creator.locator("#entitlement")).containsText("AI features off");
            assertThat(creator.locator("#entitlement")).containsText("Apply to be vetted first.");
            assertThat(creator.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Sign out " + creatorName))).isVisible();

            // 2. The creator applies to be vetted; a too-short statement is refused with a clear message.
            creator.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Apply to be vetted")).click();
            assertThat(heading(creator, "Apply to be vetted")).isVisible();
            creator.getByLabel("Headline").fill("Illustrator of picture books about the sea");
            creator.getByLabel("Categories").fill("illustration, picture books");
            creator.getByLabel("Portfolio links").fill("https://example.com/maya/portfolio");
            creator.getByLabel("About your work").fill("I draw whales.");
            creator.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send application")).click();

            var statementError = creator.locator("#statement-error");
            assertThat(statementError).hasText("Write 50 to 5000 characters.");
            assertThat(creator.getByLabel("About your work")).hasAttribute("aria-invalid", "true");
            assertThat(creator.getByLabel("Headline")).hasValue("Illustrator of picture books about the sea");
            screenshot(creator, "application-error");

            creator.getByLabel("About your work").fill("For twelve years I have illustrated picture books about "
                    + "the sea for small publishers: watercolour, ink and a lot of whales. I would like my model "
                    + "to sketch first drafts in my style so I can spend more time on the final pages.");
            creator.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send application")).click();

            assertThat(creator).hasURL(Pattern.compile("/dashboard$"));
            assertThat(creator.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                    .setHasText("Your application was sent."))).isVisible();
            assertThat(creator.locator("#vetting-status")).hasText("Waiting for review");
            assertThat(creator.locator("#entitlement")).containsText("AI features off");
            screenshot(creator, "dashboard-waiting");
            signOut(creator);

            // 3. A reviewer, opened by the admin, approves the application from the queue.
            openReviewerAccount(reviewerEmail, reviewerPassword, reviewerName);
            var reviewer = newPerson();
            signIn(reviewer, reviewerEmail, reviewerPassword);
            assertThat(reviewer).hasURL(Pattern.compile("/review$"));
            assertThat(heading(reviewer, "Review queue")).isVisible();
            var card = reviewer.locator("article.application")
                    .filter(new Locator.FilterOptions().setHasText(creatorEmail));
            assertThat(card).hasCount(1);
            assertThat(card.getByRole(AriaRole.HEADING)).hasText(creatorName);
            assertThat(card).containsText("Illustrator of picture books about the sea");
            card.scrollIntoViewIfNeeded();
            screenshot(reviewer, "review-queue", "review-queue.png");

            card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve").setExact(true))
                    .click();
            assertThat(reviewer.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                    .setHasText(creatorName + ": Approved."))).isVisible();
            assertThat(card).hasCount(0);
            signOut(reviewer);

            // 4. The admin records a bank transfer: 100.00 into the creator's wallet.
            var admin = newPerson();
            signIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
            assertThat(admin).hasURL(Pattern.compile("/admin$"));
            assertThat(heading(admin, "Admin")).isVisible();
            admin.getByLabel("Account email").fill(creatorEmail);
            admin.getByLabel("Amount in USD").fill("100.00");
            admin.getByLabel("Memo").fill("Bank transfer " + run);
            admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Top up")).click();
            assertThat(admin.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                    .setHasText("Added 100.00 USD to the wallet of " + creatorEmail + "."))).isVisible();
            assertThat(admin.locator("ol.audit")).containsText("WALLET_TOPPED_UP");
            screenshot(admin, "admin-top-up", "admin.png");
            signOut(admin);

            // 5. The creator comes back, subscribes, and has AI features; the wallet paid 25.00.
            creator = newPerson();
            signIn(creator, creatorEmail, creatorPassword);
            assertThat(creator).hasURL(Pattern.compile("/dashboard$"));
            assertThat(creator.locator("#vetting-status")).hasText("Approved");
            assertThat(creator.locator("#wallet-balance")).hasText("100.00 USD");
            assertThat(creator.locator("#entitlement")).containsText("AI features off");

            creator.locator("#subscribe").click();
            assertThat(creator.locator("#entitlement")).containsText("AI features active");
            assertThat(creator.locator("#wallet-balance")).hasText("75.00 USD");
            assertThat(creator.locator("#subscription-status")).hasText("Active");
            assertThat(creator.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                    .setHasText("Subscribed to Creator AI."))).isVisible();
            screenshot(creator, "creator-dashboard-active", "creator-dashboard.png");

            // The creator makes an API key; its secret is shown once.
            creator.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API keys")).click();
            assertThat(heading(creator, "API keys")).isVisible();
            assertThat(creator.getByText("You have no API keys yet.")).isVisible();
            creator.getByLabel("Key name").fill("studio laptop");
            creator.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create key")).click();
            assertThat(heading(creator, "Your new key")).isVisible();
            assertThat(creator.locator("#new-key")).hasText(Pattern.compile("^atl_\\S+$"));
            assertThat(creator.getByRole(AriaRole.TABLE)).containsText("studio laptop");
            screenshot(creator, "api-keys", "api-keys.png");
            signOut(creator);

            assertTrue(browserErrors.isEmpty(), () -> "The browser reported errors: " + browserErrors);
        } catch (AssertionError | RuntimeException e) {
            screenshotEveryOpenPage();
            throw e;
        }
    }

    /** A person at their own browser: a fresh context, so no cookies are shared between people. */
    private Page newPerson() {
        var context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port)
                .setViewportSize(1280, 900)
                .setLocale("en-GB"));
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        var page = context.newPage();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                browserErrors.add(page.url() + ": " + message.text());
            }
        });
        page.onPageError(error -> browserErrors.add(page.url() + ": " + error));
        return page;
    }

    private static Locator heading(Page page, String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static void signIn(Page page, String email, String password) {
        page.navigate("/login");
        assertThat(heading(page, "Sign in")).isVisible();
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(
                Pattern.compile("^Sign out ")))).isVisible();
    }

    private static void signOut(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Sign out "))).click();
        assertThat(page.getByText("You are signed out.")).isVisible();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
    }

    /** There is no admin page for reviewers yet, so the admin opens the account with the admin API. */
    private void openReviewerAccount(String email, String password, String displayName)
            throws IOException, InterruptedException {
        var credentials = Base64.getEncoder()
                .encodeToString((ADMIN_EMAIL + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        var body = """
                {"email": "%s", "password": "%s", "displayName": "%s"}""".formatted(email, password, displayName);
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/admin/reviewers"))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try (var http = HttpClient.newHttpClient()) {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(201, response.statusCode(), () -> "Opening the reviewer account failed: " + response.body());
        }
    }

    /** A full-page PNG under target/screenshots/, and optionally a copy under docs/screenshots/. */
    private static void screenshot(Page page, String name, String... docsNames) throws IOException {
        var file = SCREENSHOTS.resolve(name + ".png");
        // Hiding the text caret would make Playwright inject a stylesheet, which the page's CSP rightly refuses.
        page.screenshot(new Page.ScreenshotOptions().setCaret(ScreenshotCaret.INITIAL).setPath(file).setFullPage(true));
        for (var docsName : docsNames) {
            Files.createDirectories(DOCS_SCREENSHOTS);
            Files.copy(file, DOCS_SCREENSHOTS.resolve(docsName), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void screenshotEveryOpenPage() {
        var n = 0;
        for (var context : contexts) {
            for (var page : context.pages()) {
                try {
                    page.screenshot(new Page.ScreenshotOptions().setCaret(ScreenshotCaret.INITIAL)
                            .setPath(SCREENSHOTS.resolve("failure-" + (++n) + ".png")).setFullPage(true));
                } catch (RuntimeException ignored) {
                    // The page may be gone already; the original failure matters more.
                }
            }
        }
    }
}
