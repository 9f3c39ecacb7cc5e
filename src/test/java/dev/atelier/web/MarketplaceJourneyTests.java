package dev.atelier.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.atelier.web.Journey.Rest.basic;
import static dev.atelier.web.Journey.heading;
import static dev.atelier.web.Journey.screenshot;
import static dev.atelier.web.Journey.signIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import dev.atelier.Fixtures;
import dev.atelier.engine.TinyGguf;
import dev.atelier.web.Journey.Chromium;
import dev.atelier.web.Journey.Rest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The marketplace journey in a real, headless Chromium, with the real llama.cpp engine on the tiny test model: a
 * creator publishes an offering whose sales they review before release; a client finds it in the catalogue, writes
 * a brief, watches the preview being written, reads the marked and truncated preview, and pays; the creator edits
 * the draft and releases it; the client opens the delivery with its licence and verified manifest, downloads the
 * files, and asks the creator for an edit.
 *
 * <p>The setup (accounts, vetting, money, subscription, two works and a trained model) goes through the REST API over
 * real HTTP; everything a person does happens in the browser. Browser launch and skip rules are those of
 * {@link Journey}; the Spring configuration is that of {@link BrowserJourneyTests}, so the journey classes share one
 * application context.
 * The tiny model writes gibberish; the journey checks what the pages do with it, not its quality.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@EnabledIf(value = "dev.atelier.web.Journey#browserAvailableOrRequired", disabledReason = Journey.NO_BROWSER)
class MarketplaceJourneyTests {

    /** Training and a preview take seconds here; the bound is generous for a slow CI machine and cold engines. */
    private static final long SLOW_MS = 120_000;
    private static final JsonMapper JSON = JsonMapper.shared();

    @RegisterExtension
    static final Chromium chromium = new Chromium("marketplace-failure-");

    @LocalServerPort
    int port;

    @BeforeAll
    static void loadTheTinyModel() {
        // The test profile's atelier.engine.text.model points at this file; the engine loads it on first use.
        TinyGguf.path();
    }

    @Test
    void a_client_previews_buys_and_receives_a_reviewed_text_with_its_licence_and_verified_manifest()
            throws Exception {
        var run = UUID.randomUUID().toString().substring(0, 8);
        var creatorName = "Ada Lindqvist";
        var creatorEmail = "ada.market." + run + "@example.com";
        var creatorPassword = "studio-password-" + run;
        var clientName = "Nora Haddad";
        var clientEmail = "nora." + run + "@example.com";
        var clientPassword = "client-password-" + run;
        var title = "Grant letters for small museums";
        var label = "Preview · Atelier · " + creatorName;

        String otherSlug;
        try (var http = HttpClient.newHttpClient()) {
            trainedCreator(http, creatorEmail, creatorPassword, creatorName);
            // A second offering, so that the catalogue's search has something to leave out.
            otherSlug = JSON.readTree(rest().send(http, "POST", "/api/offerings", basic(creatorEmail, creatorPassword),
                    null, """
                    {"title": "Board papers in plain words", "outputKind": "TEXT",
                     "description": "Minutes and board papers that trustees read to the end.",
                     "pricing": "PER_100_WORDS", "price": "1.50", "freePreviewsPerDay": 2,
                     "reviewBeforeRelease": false}""", 201)).get("slug").asString();
            fundedClient(http, clientEmail, clientPassword, clientName, 2_000);
        }

        var creator = chromium.newPerson();
        // 1. The creator writes an offering in the editor and publishes it.
        signIn(creator, creatorEmail, creatorPassword);
        creator.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Offerings").setExact(true)).click();
        assertThat(heading(creator, "Your offerings")).isVisible();
        assertThat(creator.locator("table.offerings tbody tr")).hasCount(1);
        creator.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New offering")).click();
        assertThat(heading(creator, "New offering")).isVisible();

        creator.getByLabel("Title").fill(title);
        creator.getByLabel("Description").fill("A letter to the trustees of a foundation asking them to fund "
                + "your museum's next project, in the measured voice that has won grants for archives and "
                + "harbour museums since 2012.");
        creator.getByLabel("Guidance for your model").fill("Write one formal letter of two paragraphs; name the "
                + "project in the first sentence.");
        creator.getByLabel("Per generation").check();
        creator.getByLabel("Price").fill("4.00");
        creator.getByLabel("Free previews per client per day").fill("3");
        var review = creator.getByLabel("Review each sale before the client gets it");
        assertThat(review).not().isChecked();
        review.check();
        assertThat(review).isChecked();
        assertThat(creator.getByLabel("Licence terms"))
                .hasValue(Pattern.compile("^The creator grants the client a perpetual, worldwide"));
        assertThat(creator.getByLabel("Model version").locator("option:checked")).hasText("v1 (active)");
        screenshot(creator, "offering-editor", "offering-editor.png");

        creator.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish")).click();
        assertThat(creator).hasURL(Pattern.compile("/offerings$"));
        var published = creator.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                .setHasText("'" + title + "' is on sale at /o/"));
        assertThat(published).isVisible();
        var slugMatcher = Pattern.compile("/o/([^.\\s]+)\\.").matcher(published.textContent());
        assertTrue(slugMatcher.find(), () -> "No slug in the notice: " + published.textContent());
        var slug = slugMatcher.group(1);
        var row = creator.locator("table.offerings tbody tr").filter(new Locator.FilterOptions().setHasText(title));
        assertThat(creator.locator("table.offerings tbody tr")).hasCount(2);
        assertThat(row).containsText("published");
        assertThat(row).containsText("4.00 USD per generation");
        assertThat(row.getByRole(AriaRole.SWITCH)).hasAttribute("aria-checked", "true");
        screenshot(creator, "offerings");

        // 2. The client finds it by typing in the catalogue's search box, which filters as they type.
        var client = chromium.newPerson();
        var progressSeen = new CopyOnWriteArraySet<String>();
        recordPreviewProgress(client, progressSeen);
        signIn(client, clientEmail, clientPassword);
        assertThat(client.locator("#wallet-balance")).hasText("20.00 USD");
        client.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Catalogue").setExact(true)).click();
        assertThat(heading(client, "Catalogue")).isVisible();
        var cards = client.locator("#results article.offering-card");
        // Earlier runs against a shared database may have left offerings with the same titles: find these by slug.
        var ours = cards.filter(new Locator.FilterOptions().setHas(client.locator("a[href='/o/" + slug + "']")));
        var other = cards.filter(new Locator.FilterOptions().setHas(client.locator("a[href='/o/" + otherSlug
                + "']")));
        assertThat(ours).hasCount(1);
        assertThat(other).hasCount(1);

        var search = client.getByLabel("Search");
        search.pressSequentially("zzyzx", new Locator.PressSequentiallyOptions().setDelay(40));
        assertThat(client.getByText("No offering matches.")).isVisible();
        assertThat(client).hasURL(Pattern.compile("[?&]q=zzyzx"));
        search.fill("");
        assertThat(other).hasCount(1);
        search.pressSequentially("museums", new Locator.PressSequentiallyOptions().setDelay(40));
        assertThat(client).hasURL(Pattern.compile("[?&]q=museums"));
        assertThat(other).hasCount(0);
        assertThat(ours).hasCount(1);
        assertThat(ours).containsText("by " + creatorName);
        assertThat(ours).containsText("4.00 USD per generation");
        assertThat(ours).containsText("3 free previews a day");
        assertThat(ours).containsText("Reviewed by the creator");
        for (var card : cards.all()) {
            assertThat(card).containsText(Pattern.compile("museums", Pattern.CASE_INSENSITIVE));
        }
        screenshot(client, "catalogue", "catalogue.png");

        // The offering's page, and a brief.
        ours.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(title)).click();
        assertThat(client).hasURL(Pattern.compile("/o/" + slug + "$"));
        assertThat(heading(client, title)).isVisible();
        assertThat(client.locator("dd.price")).hasText("4.00 USD per generation");
        assertThat(client.getByText("The creator reviews each purchase before you get it")).isVisible();
        assertThat(client.locator("#previews-left")).hasText("3 free previews left today.");
        var brief = "A letter to the trustees of the Harbour Foundation asking for 12,000 to restore our "
                + "collection of ship models before the summer exhibition.";
        client.getByLabel("Your brief").fill(brief);
        assertThat(client.locator("#brief-count")).hasText(brief.length() + " / 4000 characters");
        client.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Get a free preview")).click();

        // The preview is written while the client watches, then the page shows it marked and truncated.
        assertThat(client).hasURL(Pattern.compile("/previews/[0-9a-f-]{36}$"));
        assertThat(client.locator("p.brief")).hasText(brief);
        watchPreview(client, progressSeen);
        System.out.println("Preview progress as the page showed it: " + progressSeen);

        assertThat(client.locator(".badge.mark")).hasText(label);
        assertThat(client.locator(".badge.mark")).isVisible();
        var previewText = client.locator("#preview-text");
        assertThat(previewText).isVisible();
        var shown = previewText.textContent();
        assertTrue(shown.startsWith("[" + label + "]\n"), () -> "The preview does not open with its mark: " + shown);
        var heldBack = Pattern.compile(" …\n\\[" + Pattern.quote(label) + " · (\\d+) more words after purchase]$")
                .matcher(shown);
        assertTrue(heldBack.find(), () -> "The preview does not end with the words held back: " + shown);
        var shownWords = client.locator("#shown-words").textContent();
        var counts = Pattern.compile("^(\\d+) of (\\d+)$").matcher(shownWords);
        assertTrue(counts.find(), () -> "Words shown: " + shownWords);
        var words = Integer.parseInt(counts.group(2));
        assertTrue(Integer.parseInt(counts.group(1)) < words, () -> "The preview shows every word: " + shownWords);
        assertEquals(words - Integer.parseInt(counts.group(1)), Integer.parseInt(heldBack.group(1)));
        var previewBody = shown.substring(label.length() + 3, heldBack.start());
        assertThat(client.locator("#remaining")).hasText("2");
        assertThat(client.locator("#preview-price")).hasText("4.00 USD");
        screenshot(client, "preview", "preview.png");

        // 3. Buying: the confirmation shows the price and the wallet; the sale then waits for the creator.
        client.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Buy").setExact(true)).click();
        assertThat(heading(client, "Confirm your purchase")).isVisible();
        assertThat(heading(client, title + " by " + creatorName)).isVisible();
        assertThat(client.locator("ul.gets")).containsText(words + " words");
        assertThat(client.locator("ul.gets")).containsText("once the creator has reviewed it");
        assertThat(client.locator("#price")).hasText("4.00 USD");
        assertThat(client.locator("#balance")).hasText("20.00 USD");
        assertThat(client.locator("dt:text-is('After this purchase') + dd")).hasText("16.00 USD");
        screenshot(client, "purchase-confirmation", "purchase-confirmation.png");

        client.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay 4.00 USD")).click();
        assertThat(client).hasURL(Pattern.compile("/deliveries$"));
        assertThat(client.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                .setHasText("Paid 4.00 USD. The creator reviews each sale of '" + title + "' before release")))
                .isVisible();
        var waiting = client.locator("table.pending tbody tr");
        assertThat(waiting).hasCount(1);
        assertThat(waiting).containsText(title);
        assertThat(waiting).containsText("Awaiting the creator's review");
        assertThat(client.getByText("Nothing delivered yet.")).isVisible();
        client.navigate("/dashboard");
        assertThat(client.locator("#wallet-balance")).hasText("16.00 USD");
        screenshot(client, "library-waiting");

        // 4. The creator sees the sale waiting, edits the draft a little and releases it.
        creator.navigate("/dashboard");
        assertThat(creator.locator(".badge").filter(new Locator.FilterOptions().setHasText("1 waiting")))
                .isVisible();
        creator.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Review queue")).click();
        assertThat(heading(creator, "Review queue")).isVisible();
        var sale = creator.locator("article.sale-review");
        assertThat(sale).hasCount(1);
        assertThat(sale.getByRole(AriaRole.HEADING)).hasText(title + " for " + clientName);
        assertThat(sale).containsText("Paid 4.00 USD");
        assertThat(sale).containsText("you earn 3.20 USD when you release it");
        var draft = sale.getByLabel("The draft");
        var original = draft.inputValue();
        assertFalse(original.contains("Preview · Atelier"), () -> "The draft carries preview marks: " + original);
        assertTrue(lf(original).strip().startsWith(lf(previewBody).strip()),
                () -> "The preview is not the start of the draft.\npreview: " + previewBody + "\ndraft: " + original);
        var addition = "With our thanks, the trustees of the Harbour Museum.";
        draft.press("Control+End");
        draft.pressSequentially("\n\n" + addition);
        assertTrue(lf(draft.inputValue()).endsWith("\n\n" + addition), draft::inputValue);
        sale.scrollIntoViewIfNeeded();
        screenshot(creator, "sales-review", "sales-review.png");

        sale.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve with edits")).click();
        assertThat(creator.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText(
                "Released '" + title + "' to " + clientName + " with your edits. You earned 3.20 USD.")))
                .isVisible();
        assertThat(creator.locator("article.sale-review")).hasCount(0);
        assertThat(creator.locator("#queue-empty")).hasText("Nothing waits for your review.");

        creator.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Sales").setExact(true)).click();
        assertThat(heading(creator, "Your sales")).isVisible();
        assertThat(creator.locator("#total-count")).hasText("1");
        assertThat(creator.locator("#total-gross")).hasText("4.00 USD");
        assertThat(creator.locator("#total-fees")).hasText("0.80 USD");
        assertThat(creator.locator("#total-earnings")).hasText("3.20 USD");
        assertThat(creator.locator("table.sales tbody tr")).hasCount(1);
        assertThat(creator.locator("table.sales tbody tr")).containsText("Delivered");
        screenshot(creator, "sales");

        // 5. The client opens the delivery: the full, edited text, the licence and the verified manifest.
        client.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Library").setExact(true)).click();
        assertThat(heading(client, "Your library")).isVisible();
        assertThat(client.locator("table.pending")).hasCount(0);
        var delivered = client.locator("table.deliveries tbody tr");
        assertThat(delivered).hasCount(1);
        assertThat(delivered).containsText(creatorName);
        delivered.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                .setName(title + " for " + clientName)).click();
        assertThat(heading(client, title + " for " + clientName)).isVisible();
        assertThat(client.getByText("edited by the creator")).isVisible();
        var asset = client.locator("#asset-text");
        var text = asset.textContent();
        assertTrue(text.strip().endsWith(addition), () -> "The delivery lacks the creator's edit: " + text);
        assertTrue(lf(text).startsWith(lf(previewBody).strip()), () -> "The delivery is not the previewed text: "
                + text);
        assertFalse(text.contains("Preview · Atelier"), () -> "The delivery carries preview marks: " + text);
        assertTrue(text.split("\\s+").length > words - 1, () -> "The delivery is shorter than the draft: " + text);

        var certificate = client.locator("section.certificate");
        assertThat(certificate.locator("dt:text-is('Licensor') + dd")).hasText(creatorName + " (creator)");
        assertThat(certificate.locator("dt:text-is('Licensee') + dd")).hasText(clientName + " (client)");
        assertThat(certificate.locator("dt:text-is('Asset') + dd")).hasText(title + " for " + clientName);
        assertThat(certificate.locator("dt:text-is('Price paid') + dd")).hasText("4.00 USD");
        assertThat(certificate.locator("dt:text-is('AI training') + dd")).containsText("Do not train");
        assertThat(certificate.locator("p.terms")).containsText("perpetual, worldwide, non-exclusive licence");
        var licenceId = client.locator("#licence-id").textContent();

        assertThat(client.locator("#manifest-verdict")).hasText("Verified just now: Atelier signed this manifest "
                + "and the text is unchanged.");
        var manifest = client.locator("dl.manifest");
        assertThat(manifest.locator("dt:text-is('Creator') + dd")).hasText(creatorName);
        assertThat(manifest.locator("dt:text-is('Offering') + dd")).hasText(title);
        assertThat(manifest.locator("dt:text-is('Model version') + dd")).hasText("v1");
        assertThat(manifest.locator("dt:text-is('SHA-256') + dd"))
                .hasText(certificate.locator("dt:text-is('SHA-256') + dd").textContent());
        for (var check : List.of("manifest", "algorithm", "signature", "asset-hash")) {
            assertThat(client.locator("ul.checks li.passed").filter(new Locator.FilterOptions()
                    .setHasText(Pattern.compile("^\\s*Passed:\\s*✓\\s*" + check + " · ")))).hasCount(1);
        }
        assertThat(client.locator("ul.checks li.failed")).hasCount(0);
        screenshot(client, "delivery", "delivery.png");

        // The downloads are the text shown, its certificate, and a manifest that verifies the text (and only it).
        var textFile = download(client, "Download the text");
        assertEquals(lf(text), lf(new String(textFile.bytes(), StandardCharsets.UTF_8)));
        assertTrue(textFile.name().matches("asset-[0-9a-f-]{36}\\.txt"), textFile.name());
        var licenceFile = download(client, "Download the certificate");
        assertEquals(licenceId, JSON.readTree(licenceFile.bytes()).get("licenceId").asString());
        var manifestFile = download(client, "Download the manifest");
        assertTrue(manifestFile.name().matches("asset-[0-9a-f-]{36}\\.manifest\\.json"), manifestFile.name());
        try (var http = HttpClient.newHttpClient()) {
            assertTrue(verify(http, textFile.bytes(), manifestFile.bytes()).get("valid").asBoolean(),
                    "the downloaded manifest verifies the downloaded text");
            var altered = (new String(textFile.bytes(), StandardCharsets.UTF_8) + " P.S.")
                    .getBytes(StandardCharsets.UTF_8);
            assertFalse(verify(http, altered, manifestFile.bytes()).get("valid").asBoolean(),
                    "the manifest does not verify an altered text");
        }

        // 6. The client asks the creator for an edit; the request's page shows the message.
        var message = "Could the second paragraph name the summer exhibition, and the letter end with our "
                + "director's name?";
        assertThat(client.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Ask " + creatorName)))
                .isVisible();
        client.getByLabel("An edit of this text").check();
        client.getByLabel("Message").fill(message);
        client.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send to the creator")).click();
        assertThat(client).hasURL(Pattern.compile("/requests/[0-9a-f-]{36}$"));
        assertThat(client.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions()
                .setHasText("Your request was sent to " + creatorName + "."))).isVisible();
        assertThat(heading(client, "Edit request: " + title + " for " + clientName)).isVisible();
        var messages = client.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Messages"))
                .getByRole(AriaRole.LISTITEM);
        assertThat(messages).hasCount(1);
        assertThat(messages.locator("p.body")).hasText(message);
        assertThat(messages).containsText("You");
        screenshot(client, "request");

        // The creator finds it among their requests.
        creator.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName("Requests").setExact(true)).click();
        var request = creator.locator("table.requests tbody tr");
        assertThat(request).hasCount(1);
        assertThat(request).containsText(clientName + " (client)");
        assertThat(request).containsText("open");
        request.getByRole(AriaRole.LINK).click();
        assertThat(creator.locator("ol.messages p.body")).hasText(message);

        chromium.assertNoBrowserErrors();
    }

    /**
     * Reports every change of a preview's progress box (phase and tokens per draft) to {@code seen}, from the moment
     * it changes, so that nothing is missed between two looks, not even the last update before the page reloads.
     * The observer runs through Playwright's own channel, which the page's CSP does not govern.
     */
    private static void recordPreviewProgress(Page page, Set<String> seen) {
        page.exposeFunction("atelierPreviewProgress", arguments -> {
            seen.add((String) arguments[0]);
            return null;
        });
        page.addInitScript("""
                new MutationObserver(() => {
                    const box = document.getElementById('preview-progress');
                    if (!box) return;
                    const tokens = Array.from(box.querySelectorAll('.tokens'), t => t.textContent).join(', ');
                    window.atelierPreviewProgress(document.getElementById('preview-phase').textContent
                        + ' [' + tokens + ']');
                }).observe(document, {subtree: true, childList: true, characterData: true});
                """);
    }

    /**
     * On a new preview's page: waits until the page has reloaded with the finished preview and requires it ready.
     * When the page opened while the preview was being written, it must have followed the progress live (server-sent
     * events) to its end, "Ready.", and is screenshotted once a draft has tokens. A fast machine may finish before
     * the page first renders, so seeing the progress at all is not required.
     */
    private static void watchPreview(Page page, Set<String> seen) throws IOException {
        var progress = page.locator("#preview-progress");
        var finished = page.locator("#preview-text, #preview-failure");
        var writing = progress.count() == 1;
        if (!writing) {
            System.out.println("The preview was ready before its page could show it in progress.");
        }
        var screenshotted = false;
        var deadline = System.nanoTime() + SLOW_MS * 1_000_000L;
        while (finished.count() == 0) {
            if (System.nanoTime() > deadline) {
                fail("The preview was not ready within " + SLOW_MS / 1000 + " s; seen " + seen);
            }
            if (!screenshotted && seen.stream().anyMatch(line -> line.matches(".*\\b[1-9]\\d* tokens?\\b.*"))) {
                try {
                    screenshot(page, "preview-progress");
                    screenshotted = true;
                } catch (PlaywrightException reloading) {
                    // The page is reloading because the preview is ready; the screenshot is not needed then.
                }
            }
            page.waitForTimeout(50);
        }
        assertThat(page.locator("#preview-failure")).hasCount(0);
        assertThat(page.locator("#preview-text")).isVisible(new LocatorAssertions.IsVisibleOptions()
                .setTimeout(SLOW_MS));
        if (writing) {
            assertTrue(seen.stream().anyMatch(line -> line.startsWith("Ready.")),
                    () -> "The page did not follow the preview to its end: " + seen);
        }
    }

    private record Downloaded(String name, byte[] bytes) {
    }

    private static Downloaded download(Page page, String link) throws IOException {
        Download download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName(link).setExact(true)).click());
        assertNull(download.failure(), () -> link + " failed");
        return new Downloaded(download.suggestedFilename(), Files.readAllBytes(download.path()));
    }

    /** Browsers send text areas with CRLF and HTML parsing drops CRs; compare words and line breaks only. */
    private static String lf(String text) {
        return text.replace("\r\n", "\n");
    }

    /** A creator with AI features and a ready model version trained on two of their texts: via the API. */
    private void trainedCreator(HttpClient http, String email, String password, String displayName)
            throws IOException, InterruptedException {
        rest().entitledCreator(http, email, password, displayName);
        var creator = basic(email, password);

        var boundary = "atelier-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        part(body, boundary, "files", "annual-letter.txt", Fixtures.formalEssay(10, 31));
        part(body, boundary, "files", "trustees-report.txt", Fixtures.formalEssay(10, 32));
        part(body, boundary, "ownership", null, "true");
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var upload = http.send(HttpRequest.newBuilder(rest().uri("/api/portfolio/works"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .header("Authorization", creator).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, upload.statusCode(), upload::body);
        assertEquals(2, JSON.readTree(upload.body()).get("accepted").size(), upload::body);

        var job = JSON.readTree(rest().send(http, "POST", "/api/model/trainings", creator, null, null, 201))
                .get("id").asString();
        var deadline = System.nanoTime() + SLOW_MS * 1_000_000L;
        var status = "";
        while (!status.equals("SUCCEEDED")) {
            status = JSON.readTree(rest().send(http, "GET", "/api/model/trainings/" + job, creator, null, null, 200))
                    .get("status").asString();
            if (status.equals("FAILED") || status.equals("CANCELLED") || System.nanoTime() > deadline) {
                fail("The training ended " + status + " instead of succeeding within " + SLOW_MS / 1000 + " s");
            }
            Thread.sleep(200);
        }
    }

    /** A client account whose wallet the admin topped up by {@code amountMinor}: via the API. */
    private void fundedClient(HttpClient http, String email, String password, String displayName, long amountMinor)
            throws IOException, InterruptedException {
        rest().send(http, "POST", "/api/accounts", null, null, """
                {"email": "%s", "password": "%s", "displayName": "%s", "role": "CLIENT"}"""
                .formatted(email, password, displayName), 201);
        rest().topUp(http, email, amountMinor);
    }

    private Rest rest() {
        return new Rest(port);
    }

    /** POST /api/verify, which needs no account, with the asset and the manifest as its two parts. */
    private JsonNode verify(HttpClient http, byte[] asset, byte[] manifest) throws IOException, InterruptedException {
        var boundary = "atelier-" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        part(body, boundary, "asset", "asset.txt", asset);
        part(body, boundary, "manifest", "asset.manifest.json", manifest);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var response = http.send(HttpRequest.newBuilder(rest().uri("/api/verify"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return JSON.readTree(response.body());
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, String fileName,
                             String content) {
        part(body, boundary, name, fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, String fileName,
                             byte[] content) {
        var head = new StringBuilder("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(name).append('"');
        if (fileName != null) {
            head.append("; filename=\"").append(fileName).append("\"\r\nContent-Type: text/plain");
        }
        head.append("\r\n\r\n");
        body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
}
