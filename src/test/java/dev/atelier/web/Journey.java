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
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ScreenshotCaret;

import tools.jackson.databind.json.JsonMapper;

/**
 * What the browser journeys share, so each journey class keeps only its story: the system {@link Chromium}, the
 * people of one test at their own browsers, the page steps every journey takes, and the {@link Rest} calls
 * that set up accounts over real HTTP.
 *
 * <p>Playwright never downloads a browser: the journeys use {@code /usr/bin/chromium}, or the
 * {@code atelier.chromium} system property. Without one they are skipped, unless {@code ATELIER_REQUIRE_BROWSER=true},
 * in which case they fail. Screenshots land in {@code target/screenshots/}; the key pages are also copied to
 * {@code docs/screenshots/}.
 */
final class Journey {

    /** The reason a journey class gives when {@link #browserAvailableOrRequired()} skips it. */
    static final String NO_BROWSER = "No Chromium at /usr/bin/chromium (or -Datelier.chromium); install it with "
            + "'apt-get install chromium' to run the browser journey. Set ATELIER_REQUIRE_BROWSER=true to make "
            + "a missing browser fail the build instead.";
    static final String ADMIN_EMAIL = "admin@atelier.test";
    static final String ADMIN_PASSWORD = "admin-password-123";

    private static final Path CHROMIUM = Paths.get(System.getProperty("atelier.chromium", "/usr/bin/chromium"));
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final Path DOCS_SCREENSHOTS = Paths.get("docs", "screenshots");
    private static final JsonMapper JSON = JsonMapper.shared();

    private Journey() {
    }

    /** Skips a journey class, before Spring starts, when there is no browser, unless a browser is required. */
    static boolean browserAvailableOrRequired() {
        return Files.isExecutable(CHROMIUM) || "true".equalsIgnoreCase(System.getenv("ATELIER_REQUIRE_BROWSER"));
    }

    static Locator heading(Page page, String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    static void signIn(Page page, String email, String password) {
        page.navigate("/login");
        assertThat(heading(page, "Sign in")).isVisible();
        page.getByLabel("Email").fill(email);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(
                Pattern.compile("^Sign out ")))).isVisible();
    }

    /** A full-page PNG under target/screenshots/, and optionally a copy under docs/screenshots/. */
    static void screenshot(Page page, String name, String... docsNames) throws IOException {
        var file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(options(file));
        for (var docsName : docsNames) {
            Files.createDirectories(DOCS_SCREENSHOTS);
            Files.copy(file, DOCS_SCREENSHOTS.resolve(docsName), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Page.ScreenshotOptions options(Path file) {
        // Hiding the text caret would make Playwright inject a stylesheet, which the page's CSP rightly refuses.
        return new Page.ScreenshotOptions().setCaret(ScreenshotCaret.INITIAL).setPath(file).setFullPage(true);
    }

    /**
     * One headless Chromium for the tests of a journey class, registered as a static {@code @RegisterExtension}
     * field: it launches before the class and closes after it. Each test's people sit at their own browser contexts,
     * so no cookies are shared between them; the contexts close after the test, and when the test fails with an
     * assertion or a runtime exception every page still open is screenshotted first. Playwright calls the error
     * listeners on its own thread.
     */
    static final class Chromium implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
            AfterEachCallback, TestExecutionExceptionHandler {

        private final String failureScreenshotPrefix;
        private final List<BrowserContext> contexts = new ArrayList<>();
        private final List<String> browserErrors = new CopyOnWriteArrayList<>();
        private @Nullable Playwright playwright;
        private @Nullable Browser browser;
        private int port;

        /** Screenshots after a failure are named {@code <prefix>1.png}, {@code <prefix>2.png}, ... */
        Chromium(String failureScreenshotPrefix) {
            this.failureScreenshotPrefix = failureScreenshotPrefix;
        }

        /** Fails when there is no browser: the class runs without one only if a browser is required. */
        @Override
        public void beforeAll(ExtensionContext extension) {
            if (!Files.isExecutable(CHROMIUM)) {
                fail("No Chromium at " + CHROMIUM + ", and ATELIER_REQUIRE_BROWSER=true: the browser journey must "
                        + "run. Install it (apt-get install chromium) or point -Datelier.chromium at one.");
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

        @Override
        public void afterAll(ExtensionContext extension) {
            if (browser != null) {
                browser.close();
            }
            if (playwright != null) {
                playwright.close();
            }
        }

        @Override
        public void beforeEach(ExtensionContext extension) {
            port = SpringExtension.getApplicationContext(extension).getEnvironment()
                    .getRequiredProperty("local.server.port", Integer.class);
        }

        @Override
        public void afterEach(ExtensionContext extension) {
            contexts.forEach(BrowserContext::close);
            contexts.clear();
            browserErrors.clear();
        }

        @Override
        public void handleTestExecutionException(ExtensionContext extension, Throwable failure) throws Throwable {
            if (failure instanceof AssertionError || failure instanceof RuntimeException) {
                screenshotEveryOpenPage();
            }
            throw failure;
        }

        /** A person at their own browser: a fresh context, so no cookies are shared between people. */
        Page newPerson() {
            var context = Objects.requireNonNull(browser, "the browser is launched before the class")
                    .newContext(new Browser.NewContextOptions()
                            .setBaseURL("http://localhost:" + port)
                            .setViewportSize(1280, 900)
                            .setLocale("en-GB")
                            .setAcceptDownloads(true));
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

        void assertNoBrowserErrors() {
            assertTrue(browserErrors.isEmpty(), () -> "The browser reported errors: " + browserErrors);
        }

        private void screenshotEveryOpenPage() {
            var n = 0;
            for (var context : contexts) {
                for (var page : context.pages()) {
                    try {
                        page.screenshot(options(SCREENSHOTS.resolve(failureScreenshotPrefix + (++n) + ".png")));
                    } catch (RuntimeException ignored) {
                        // The page may be gone already; the original failure matters more.
                    }
                }
            }
        }
    }

    /** The REST API of the application at a port, over real HTTP: for the setup a journey does not show. */
    record Rest(int port) {

        static String basic(String email, String password) {
            return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }

        URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        /** Sends {@code json} (or no body) and requires the {@code expected} status; returns the response body. */
        String send(HttpClient http, String method, String path, @Nullable String authorization,
                    @Nullable String idempotencyKey, @Nullable String json, int expected)
                throws IOException, InterruptedException {
            var request = HttpRequest.newBuilder(uri(path))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json))
                    .header("Accept", "application/json");
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(expected, response.statusCode(), () -> method + " " + path + " answered " + response.body());
            return response.body();
        }

        /** The admin records a top-up of {@code amountMinor} into the wallet of {@code email}. */
        void topUp(HttpClient http, String email, long amountMinor) throws IOException, InterruptedException {
            send(http, "POST", "/api/ledger/top-ups", basic(ADMIN_EMAIL, ADMIN_PASSWORD), UUID.randomUUID().toString(),
                    "{\"email\": \"%s\", \"amountMinor\": %d}".formatted(email, amountMinor), 201);
        }

        /** A creator who signed up, was approved by the admin, had 100.00 topped up and subscribed. */
        void entitledCreator(HttpClient http, String email, String password, String displayName)
                throws IOException, InterruptedException {
            var creator = basic(email, password);
            var id = JSON.readTree(send(http, "POST", "/api/accounts", null, null, """
                    {"email": "%s", "password": "%s", "displayName": "%s", "role": "CREATOR"}"""
                    .formatted(email, password, displayName), 201)).get("id").asString();
            send(http, "PUT", "/api/vetting/application", creator, null, """
                    {"headline": "Grant writer for cultural institutions", "categories": ["copywriting"],
                     "portfolioLinks": ["https://example.com/ada"],
                     "statement": "I write grant proposals, annual reports and board papers for museums and archives."}
                    """, 200);
            send(http, "POST", "/api/vetting/applications/" + id + "/decision", basic(ADMIN_EMAIL, ADMIN_PASSWORD),
                    null, "{\"decision\": \"APPROVE\"}", 200);
            topUp(http, email, 10_000);
            send(http, "POST", "/api/subscription", creator, UUID.randomUUID().toString(), null, 201);
        }
    }
}
