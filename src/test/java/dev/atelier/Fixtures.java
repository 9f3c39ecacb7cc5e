package dev.atelier;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Files the tests make themselves: writing in two clearly different styles, real PNG, WAV, PDF, DOCX and MP3
 * bytes, and hostile files that must be refused.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** Long, formal, semicolon-rich sentences about institutions. */
    public static String formalEssay(int paragraphs, long seed) {
        var random = new Random(seed);
        String[] subjects = {"The committee", "Our institution", "The governing board", "This department",
                "The foundation", "The administration"};
        String[] verbs = {"has considered", "acknowledges", "has undertaken to review", "recognises",
                "is obliged to evaluate", "has determined"};
        String[] objects = {"the implications of the proposed amendments", "the longstanding obligations to "
                + "its constituents", "the fiscal consequences of sustained investment", "the principles that "
                + "govern equitable allocation", "the recommendations of the independent review"};
        var text = new StringBuilder();
        for (var p = 0; p < paragraphs; p++) {
            for (var s = 0; s < 4; s++) {
                text.append(pick(random, subjects)).append(' ').append(pick(random, verbs)).append(' ')
                        .append(pick(random, objects)).append("; furthermore, it ").append(pick(random, verbs))
                        .append(' ').append(pick(random, objects)).append(", notwithstanding ")
                        .append(pick(random, objects)).append(". ");
            }
            text.append("\n\n");
        }
        return text.toString();
    }

    /** Short, breezy, exclamation-heavy lines with emoji. */
    public static String chattyPost(int paragraphs, long seed) {
        var random = new Random(seed);
        String[] openers = {"Okay so", "Wow!", "Guess what?", "Real talk:", "Honestly", "Big news!"};
        String[] bits = {"coffee is life ☕", "we shipped it 🚀", "my cat sat on the keyboard 🐱", "tacos again 🌮",
                "totally worth it!!", "can't stop laughing 😂", "new sneakers, who dis"};
        var text = new StringBuilder();
        for (var p = 0; p < paragraphs; p++) {
            for (var s = 0; s < 5; s++) {
                text.append(pick(random, openers)).append(' ').append(pick(random, bits)).append("! ");
            }
            text.append("\n\n");
        }
        return text.toString();
    }

    public static byte[] png(int width, int height, Color left, Color right) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(left);
        graphics.fillRect(0, 0, width / 2, height);
        graphics.setColor(right);
        graphics.fillRect(width / 2, 0, width - width / 2, height);
        graphics.dispose();
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** 16-bit mono PCM: {@code toneSeconds} of a 440 Hz tone at half scale, then {@code silenceSeconds} of silence. */
    public static byte[] wav(double toneSeconds, double silenceSeconds) {
        var rate = 16_000;
        var tone = (int) (toneSeconds * rate);
        var frames = tone + (int) (silenceSeconds * rate);
        var pcm = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (var i = 0; i < frames; i++) {
            pcm.putShort(i < tone ? (short) (16_384 * Math.sin(2 * Math.PI * 440 * i / rate)) : 0);
        }
        var format = new AudioFormat(rate, 16, 1, true, false);
        var out = new ByteArrayOutputStream();
        try {
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, frames),
                    AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    public static byte[] pdf(String text) {
        try (var document = new PDDocument(); var out = new ByteArrayOutputStream()) {
            var page = new PDPage();
            document.addPage(page);
            try (var content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(50, 700);
                content.showText(text);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] docx(String text) {
        try (var document = new XWPFDocument(); var out = new ByteArrayOutputStream()) {
            for (var paragraph : text.split("\n\n")) {
                document.createParagraph().createRun().setText(paragraph.strip());
            }
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A few silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz): enough to be recognised as MP3. */
    public static byte[] mp3() {
        var frame = new byte[417];
        frame[0] = (byte) 0xFF;
        frame[1] = (byte) 0xFB;
        frame[2] = (byte) 0x90;
        frame[3] = (byte) 0x64;
        var out = new ByteArrayOutputStream();
        for (var i = 0; i < 40; i++) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** The start of a Windows executable. */
    public static byte[] executable() {
        var bytes = new byte[4096];
        bytes[0] = 'M';
        bytes[1] = 'Z';
        bytes[0x3c] = (byte) 0x80;
        bytes[0x80] = 'P';
        bytes[0x81] = 'E';
        return bytes;
    }

    public static byte[] zip(String entryName, byte[] content) {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** A real PNG with a ZIP archive appended: a polyglot. */
    public static byte[] pngWithZip() {
        var out = new ByteArrayOutputStream();
        out.writeBytes(png(32, 32, Color.RED, Color.BLUE));
        out.writeBytes(zip("payload.txt", "hidden".getBytes(StandardCharsets.UTF_8)));
        return out.toByteArray();
    }

    /** A well-formed PNG whose header claims 50,000 × 50,000 pixels. */
    public static byte[] hugePngHeader() {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        var ihdr = ByteBuffer.allocate(13).putInt(50_000).putInt(50_000).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
        chunk(out, "IHDR", ihdr);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A Word document with a part that inflates a thousandfold. */
    public static byte[] docxBomb() {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out); var template = new java.util.zip.ZipInputStream(
                new ByteArrayInputStream(docx("A harmless looking letter.")))) {
            for (var entry = template.getNextEntry(); entry != null; entry = template.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                template.transferTo(zip);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("word/media/padding.bin"));
            zip.write(new byte[20_000_000]);
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    public static byte[] svgWithScript() {
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
                  <script>alert(document.cookie)</script><rect width="10" height="10"/>
                </svg>""".getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] svg() {
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" viewBox="0 0 120 80">
                  <rect width="120" height="80" fill="#1d3557"/><circle cx="60" cy="40" r="25" fill="#e63946"/>
                </svg>""".getBytes(StandardCharsets.UTF_8);
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        var typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
