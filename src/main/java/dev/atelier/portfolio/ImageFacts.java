package dev.atelier.portfolio;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import javax.imageio.ImageIO;

/**
 * What is measured on a raster image: its dominant palette (k-means in CIE Lab, where distances match how
 * different colours look), brightness, contrast and saturation, and a small thumbnail. Works on a downscaled copy,
 * so the cost does not grow with the image.
 */
final class ImageFacts {

    private static final int SAMPLE_SIDE = 96;
    private static final int PALETTE_SIZE = 5;
    private static final int THUMBNAIL_SIDE = 320;

    private ImageFacts() {
    }

    static Map<String, Object> measure(BufferedImage image) {
        var sample = scale(image, SAMPLE_SIDE);
        var labs = new ArrayList<double[]>();
        double luminance = 0, luminanceSquares = 0, saturation = 0;
        for (var y = 0; y < sample.getHeight(); y++) {
            for (var x = 0; x < sample.getWidth(); x++) {
                var argb = sample.getRGB(x, y);
                if ((argb >>> 24) < 16) {
                    continue;
                }
                var lab = lab(argb);
                labs.add(lab);
                luminance += lab[0];
                luminanceSquares += lab[0] * lab[0];
                saturation += saturation(argb);
            }
        }
        var facts = new LinkedHashMap<String, Object>();
        facts.put("width", image.getWidth());
        facts.put("height", image.getHeight());
        facts.put("aspectRatio", round((double) image.getWidth() / image.getHeight()));
        var n = Math.max(1, labs.size());
        var mean = luminance / n;
        facts.put("brightness", round(mean / 100));
        facts.put("contrast", round(Math.sqrt(Math.max(0, luminanceSquares / n - mean * mean)) / 100));
        facts.put("saturation", round(saturation / n));
        facts.put("palette", palette(labs));
        return facts;
    }

    static byte[] thumbnail(BufferedImage image) throws IOException {
        var out = new ByteArrayOutputStream();
        ImageIO.write(scale(image, THUMBNAIL_SIDE), "png", out);
        return out.toByteArray();
    }

    /** Dominant colours as {@code {"hex": "#aabbcc", "share": 0.42}}, largest share first. */
    static List<Map<String, Object>> palette(List<double[]> labs) {
        if (labs.isEmpty()) {
            return List.of();
        }
        var k = Math.min(PALETTE_SIZE, labs.size());
        var random = new Random(42);
        var centres = new double[k][];
        for (var i = 0; i < k; i++) {
            centres[i] = labs.get(random.nextInt(labs.size())).clone();
        }
        var assignment = new int[labs.size()];
        for (var iteration = 0; iteration < 12; iteration++) {
            var sums = new double[k][3];
            var counts = new int[k];
            for (var p = 0; p < labs.size(); p++) {
                var best = nearest(centres, labs.get(p));
                assignment[p] = best;
                counts[best]++;
                for (var c = 0; c < 3; c++) {
                    sums[best][c] += labs.get(p)[c];
                }
            }
            for (var i = 0; i < k; i++) {
                if (counts[i] > 0) {
                    for (var c = 0; c < 3; c++) {
                        centres[i][c] = sums[i][c] / counts[i];
                    }
                }
            }
        }
        var counts = new int[k];
        for (var a : assignment) {
            counts[a]++;
        }
        var colours = new ArrayList<Map<String, Object>>();
        for (var i = 0; i < k; i++) {
            if (counts[i] > 0) {
                colours.add(Map.of("hex", hex(centres[i]), "share", round((double) counts[i] / labs.size())));
            }
        }
        colours.sort((a, b) -> Double.compare((double) b.get("share"), (double) a.get("share")));
        return colours;
    }

    private static int nearest(double[][] centres, double[] lab) {
        var best = 0;
        var bestDistance = Double.MAX_VALUE;
        for (var i = 0; i < centres.length; i++) {
            var d = 0.0;
            for (var c = 0; c < 3; c++) {
                d += (centres[i][c] - lab[c]) * (centres[i][c] - lab[c]);
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    private static BufferedImage scale(BufferedImage image, int maxSide) {
        var factor = Math.min(1.0, (double) maxSide / Math.max(image.getWidth(), image.getHeight()));
        var width = Math.max(1, (int) Math.round(image.getWidth() * factor));
        var height = Math.max(1, (int) Math.round(image.getHeight() * factor));
        var scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        var graphics = scaled.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.drawImage(image, 0, 0, width, height, null);
        graphics.dispose();
        return scaled;
    }

    /** sRGB (D65) to CIE L*a*b*. */
    static double[] lab(int rgb) {
        var r = linear(((rgb >> 16) & 0xff) / 255.0);
        var g = linear(((rgb >> 8) & 0xff) / 255.0);
        var b = linear((rgb & 0xff) / 255.0);
        var x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
        var y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
        var z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
        return new double[] {116 * y - 16, 500 * (x - y), 200 * (y - z)};
    }

    static String hex(double[] lab) {
        var y = (lab[0] + 16) / 116;
        var x = lab[1] / 500 + y;
        var z = y - lab[2] / 200;
        var xr = 0.95047 * inverseF(x);
        var yr = inverseF(y);
        var zr = 1.08883 * inverseF(z);
        var r = gamma(3.2406 * xr - 1.5372 * yr - 0.4986 * zr);
        var g = gamma(-0.9689 * xr + 1.8758 * yr + 0.0415 * zr);
        var b = gamma(0.0557 * xr - 0.2040 * yr + 1.0570 * zr);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    private static double saturation(int rgb) {
        var r = ((rgb >> 16) & 0xff) / 255.0;
        var g = ((rgb >> 8) & 0xff) / 255.0;
        var b = (rgb & 0xff) / 255.0;
        var max = Math.max(r, Math.max(g, b));
        var min = Math.min(r, Math.min(g, b));
        return max == 0 ? 0 : (max - min) / max;
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static int gamma(double c) {
        var v = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    private static double inverseF(double t) {
        return t * t * t > 216.0 / 24389 ? t * t * t : (116 * t - 16) / (24389.0 / 27);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
