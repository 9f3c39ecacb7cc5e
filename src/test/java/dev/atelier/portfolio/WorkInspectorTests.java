package dev.atelier.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import dev.atelier.Fixtures;

/** Real Tika, real ImageIO and javax.sound on files the test writes. */
class WorkInspectorTests {

    private static final WorkInspector inspector = new WorkInspector(new PortfolioSettings(DataSize.ofMegabytes(25),
            DataSize.ofGigabytes(1), 20, 40_000_000, DataSize.ofMegabytes(200), 1_000_000, Duration.ofSeconds(30)));

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        inspector.destroy();
    }

    @Test
    void reads_text_documents_and_code() throws IOException {
        var essay = Fixtures.formalEssay(3, 1);
        var text = inspect("essay.txt", essay.getBytes(StandardCharsets.UTF_8));
        assertThat(text.kind()).isEqualTo(WorkKind.TEXT);
        assertThat(text.text()).isEqualTo(essay);
        assertThat(text.title()).isEqualTo("essay");

        var markdown = inspect("Notes_on-style.md", "# Heading\n\nSome *markdown* text.".getBytes());
        assertThat(markdown.kind()).isEqualTo(WorkKind.TEXT);
        assertThat(markdown.title()).isEqualTo("Notes on style");

        var html = inspect("page.html", "<html><body><h1>Hello</h1><p>World of copy</p></body></html>".getBytes());
        assertThat(html.text()).contains("Hello").contains("World of copy").doesNotContain("<p>");

        var pdf = inspect("brief.pdf", Fixtures.pdf("Quarterly brief for the climate fund"));
        assertThat(pdf.kind()).isEqualTo(WorkKind.DOCUMENT);
        assertThat(pdf.text()).contains("Quarterly brief for the climate fund");
        assertThat(pdf.metadata()).containsEntry("pages", 1);

        var docx = inspect("letter.docx", Fixtures.docx("Dear reader,\n\nThis letter was written in Word."));
        assertThat(docx.kind()).isEqualTo(WorkKind.DOCUMENT);
        assertThat(docx.text()).contains("This letter was written in Word.");

        var code = inspect("Main.java", "class Main { public static void main(String[] a) {} }".getBytes());
        assertThat(code.kind()).isEqualTo(WorkKind.CODE);
    }

    @Test
    void measures_images_and_audio() throws IOException {
        var png = inspect("split.png", Fixtures.png(200, 100, new Color(230, 57, 70), new Color(29, 53, 87)));
        assertThat(png.kind()).isEqualTo(WorkKind.IMAGE);
        assertThat(png.metadata()).containsEntry("width", 200).containsEntry("height", 100)
                .containsEntry("aspectRatio", 2.0);
        @SuppressWarnings("unchecked")
        var palette = (List<Map<String, Object>>) png.metadata().get("palette");
        assertThat(palette).extracting(colour -> colour.get("hex")).contains("#e63946", "#1d3557");
        assertThat(png.thumbnailPng()).isNotEmpty();

        var svg = inspect("logo.svg", Fixtures.svg());
        assertThat(svg.metadata()).containsEntry("width", 120).containsEntry("height", 80);

        var wav = inspect("voice.wav", Fixtures.wav(1.0, 1.0));
        assertThat(wav.kind()).isEqualTo(WorkKind.AUDIO);
        assertThat((double) wav.metadata().get("durationSeconds")).isEqualTo(2.0);
        assertThat((double) wav.metadata().get("silenceRatio")).isBetween(0.45, 0.55);
        assertThat((double) wav.metadata().get("loudnessDbfs")).isBetween(-13.0, -7.0);

        var mp3 = inspect("jingle.mp3", Fixtures.mp3());
        assertThat(mp3.kind()).isEqualTo(WorkKind.AUDIO);
    }

    @Test
    void refuses_executables_archives_and_content_that_does_not_match_its_name() {
        assertRefused("setup.exe", Fixtures.executable(), "File type not accepted");
        assertRefused("holiday.png", Fixtures.executable(), "File type not accepted");
        assertRefused("photos.docx", Fixtures.zip("a.txt", "x".getBytes()), "File type not accepted");
        assertRefused("fake.pdf", "just text".getBytes(), "Content does not match the extension");
        assertRefused("notes.txt", Fixtures.png(8, 8, Color.RED, Color.RED), "Content does not match the extension");
        assertRefused("blob.txt", new byte[] {'a', 0, 'b', 0, 'c'}, "Content does not match the extension");
        assertRefused("empty.txt", new byte[0], "Empty file");
    }

    @Test
    void refuses_polyglots_active_content_and_bombs() {
        assertRefused("cover.png", Fixtures.pngWithZip(), "Hidden archive");
        assertRefused("icon.svg", Fixtures.svgWithScript(), "Active content");
        assertRefused("huge.png", Fixtures.hugePngHeader(), "Image too large");
        assertRefused("report.docx", Fixtures.docxBomb(), "Decompression bomb");
        var scripted = new String(Fixtures.pdf("hello"), StandardCharsets.ISO_8859_1)
                .replace("/Type /Catalog", "/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>");
        assertRefused("scripted.pdf", scripted.getBytes(StandardCharsets.ISO_8859_1), "Active content");
    }

    @Test
    void sanitises_names() {
        assertThat(WorkInspector.sanitise("../../etc/passwd.txt")).isEqualTo("passwd.txt");
        assertThat(WorkInspector.sanitise("C:\\Users\\ada\\My <Essay>.md")).isEqualTo("My _Essay_.md");
        assertThat(WorkInspector.sanitise(".hidden.txt")).isEqualTo("hidden.txt");
        assertThat(WorkInspector.sanitise("a".repeat(300) + ".txt")).hasSize(120).endsWith(".txt");
        assertThatThrownBy(() -> WorkInspector.sanitise("///")).hasMessageContaining("cannot be used");
    }

    private WorkInspector.Inspection inspect(String name, byte[] content) throws IOException {
        var file = Files.write(dir.resolve("upload-" + System.nanoTime()), content);
        return inspector.inspect(file, name);
    }

    private void assertRefused(String name, byte[] content, String title) {
        assertThatThrownBy(() -> inspect(name, content))
                .as(name)
                .isInstanceOfSatisfying(Rejected.class, rejected -> assertThat(rejected.title()).isEqualTo(title));
    }
}
