package dev.atelier.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.atelier.web.Journey.ADMIN_EMAIL;
import static dev.atelier.web.Journey.ADMIN_PASSWORD;
import static dev.atelier.web.Journey.heading;
import static dev.atelier.web.Journey.screenshot;
import static dev.atelier.web.Journey.signIn;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.atelier.web.Journey.Chromium;
import dev.atelier.web.Journey.Rest;

/**
 * Drives a real, headless Chromium through the web UI the way people use it: a creator signs up and applies, a
 * reviewer approves, the admin tops up the creator's wallet, and the creator subscribes and gets AI features.
 *
 * <p>The browser, its skip rule and where screenshots land are those of {@link Journey}.
 *
 * <p>Every run makes its own accounts, so the test also works against a shared database that holds other data.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@EnabledIf(value = "dev.atelier.web.Journey#browserAvailableOrRequired", disabledReason = Journey.NO_BROWSER)
class BrowserJourneyTests {

    @RegisterExtension
    static final Chromium chromium = new Chromium("failure-");

    @LocalServerPort
    int port;

    @Test
    void creator_goes_from_sign_up_to_active_ai_features() throws Exception {
        var run = UUID.randomUUID().toString().substring(0, 8);
        var creatorName = "Maya Okafor";
        var creatorEmail = "maya." + run + "@example.com";
        var creatorPassword = "studio-password-" + run;
        var reviewerName = "Rui Tanaka";
        var reviewerEmail = "rui." + run + "@example.com";
        var reviewerPassword = "reviewer-password-" + run;

        var creator = chromium.newPerson();
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
        var reviewer = chromium.newPerson();
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
        var admin = chromium.newPerson();
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
        creator = chromium.newPerson();
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

        chromium.assertNoBrowserErrors();
    }

    private static void signOut(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Sign out "))).click();
        assertThat(page.getByText("You are signed out.")).isVisible();
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
    }

    /** There is no admin page for reviewers yet, so the admin opens the account with the admin API. */
    private void openReviewerAccount(String email, String password, String displayName)
            throws IOException, InterruptedException {
        try (var http = HttpClient.newHttpClient()) {
            new Rest(port).send(http, "POST", "/api/admin/reviewers", Rest.basic(ADMIN_EMAIL, ADMIN_PASSWORD), null, """
                    {"email": "%s", "password": "%s", "displayName": "%s"}""".formatted(email, password, displayName),
                    201);
        }
    }
}
