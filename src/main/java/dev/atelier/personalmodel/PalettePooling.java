package dev.atelier.personalmodel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Pools the palettes measured on each image (colours with their share of the image) into one palette for all of a
 * creator's images: weighted k-means in CIE L*a*b*, where distance follows how different colours look, each
 * colour weighted by its share, so every image counts the same however many colours it has.
 *
 * <p>Deterministic: identical colours are merged first, and the first centres are picked farthest-first starting
 * from the heaviest colour (ties broken by hex code), not at random, so the same palettes in any order pool the same.
 */
final class PalettePooling {

    private static final Pattern HEX = Pattern.compile("#?([0-9a-fA-F]{6})");
    private static final int MAX_ITERATIONS = 100;

    private static final double WHITE_X = 0.95047;
    private static final double WHITE_Z = 1.08883;
    private static final double EPSILON = 216.0 / 24389;
    private static final double KAPPA = 24389.0 / 27;

    private record Point(String hex, double[] lab, double weight) {
    }

    private PalettePooling() {
    }

    /**
     * @param palettes per image, colours as {@code {"hex": "#aabbcc", "share": 0.42}}; entries without a readable
     *     hex or a positive share are skipped
     * @return at most {@code size} colours with their share of the pooled weight, largest first
     */
    static List<StyleProfile.Colour> pool(List<List<?>> palettes, int size) {
        var points = points(palettes);
        if (points.isEmpty()) {
            return List.of();
        }
        var k = Math.min(size, points.size());
        var centres = farthestFirst(points, k);
        var assignment = new int[points.size()];
        for (var iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            var changed = iteration == 0;
            for (var p = 0; p < points.size(); p++) {
                var nearest = nearest(centres, points.get(p).lab());
                changed |= nearest != assignment[p];
                assignment[p] = nearest;
            }
            if (!changed) {
                break;
            }
            var sums = new double[k][3];
            var weights = new double[k];
            for (var p = 0; p < points.size(); p++) {
                var point = points.get(p);
                weights[assignment[p]] += point.weight();
                for (var c = 0; c < 3; c++) {
                    sums[assignment[p]][c] += point.weight() * point.lab()[c];
                }
            }
            for (var i = 0; i < k; i++) {
                if (weights[i] > 0) {
                    for (var c = 0; c < 3; c++) {
                        centres[i][c] = sums[i][c] / weights[i];
                    }
                }
            }
        }
        var weights = new double[k];
        var total = 0.0;
        for (var p = 0; p < points.size(); p++) {
            weights[assignment[p]] += points.get(p).weight();
            total += points.get(p).weight();
        }
        var colours = new ArrayList<StyleProfile.Colour>();
        for (var i = 0; i < k; i++) {
            if (weights[i] > 0) {
                colours.add(new StyleProfile.Colour(hex(centres[i]), weights[i] / total));
            }
        }
        colours.sort(Comparator.comparingDouble(StyleProfile.Colour::share).reversed()
                .thenComparing(StyleProfile.Colour::hex));
        return colours;
    }

    private static List<Point> points(List<List<?>> palettes) {
        var weights = new LinkedHashMap<String, Double>();
        for (var palette : palettes) {
            for (var entry : palette) {
                if (entry instanceof Map<?, ?> colour && colour.get("hex") instanceof String hex
                        && colour.get("share") instanceof Number share && share.doubleValue() > 0) {
                    var matcher = HEX.matcher(hex.strip());
                    if (matcher.matches()) {
                        weights.merge("#" + matcher.group(1).toLowerCase(Locale.ROOT), share.doubleValue(),
                                Double::sum);
                    }
                }
            }
        }
        var points = new ArrayList<Point>();
        weights.forEach((hex, weight) -> points.add(new Point(hex, lab(hex), weight)));
        points.sort(Comparator.comparingDouble(Point::weight).reversed().thenComparing(Point::hex));
        return points;
    }

    /** The heaviest colour first, then each time the one with most weight × squared distance to its nearest centre. */
    private static double[][] farthestFirst(List<Point> points, int k) {
        var centres = new double[k][];
        centres[0] = points.getFirst().lab().clone();
        for (var i = 1; i < k; i++) {
            var best = 0;
            var bestScore = -1.0;
            for (var p = 0; p < points.size(); p++) {
                var score = points.get(p).weight() * distance(points.get(p).lab(), centres[nearest(centres, i,
                        points.get(p).lab())]);
                if (score > bestScore) {
                    bestScore = score;
                    best = p;
                }
            }
            centres[i] = points.get(best).lab().clone();
        }
        return centres;
    }

    private static int nearest(double[][] centres, double[] lab) {
        return nearest(centres, centres.length, lab);
    }

    private static int nearest(double[][] centres, int count, double[] lab) {
        var best = 0;
        var bestDistance = Double.MAX_VALUE;
        for (var i = 0; i < count; i++) {
            var d = distance(centres[i], lab);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (var c = 0; c < 3; c++) {
            sum += (a[c] - b[c]) * (a[c] - b[c]);
        }
        return sum;
    }

    /** sRGB (IEC 61966-2-1) to CIE L*a*b* (CIE 15) with the D65 white point. */
    private static double[] lab(String hex) {
        var rgb = Integer.parseInt(hex.substring(1), 16);
        var r = toLinear(((rgb >> 16) & 0xff) / 255.0);
        var g = toLinear(((rgb >> 8) & 0xff) / 255.0);
        var b = toLinear((rgb & 0xff) / 255.0);
        var fx = labF((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / WHITE_X);
        var fy = labF(0.2126729 * r + 0.7151522 * g + 0.0721750 * b);
        var fz = labF((0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / WHITE_Z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static String hex(double[] lab) {
        var fy = (lab[0] + 16) / 116;
        var fx = fy + lab[1] / 500;
        var fz = fy - lab[2] / 200;
        var x = WHITE_X * labInverse(fx);
        var y = labInverse(fy);
        var z = WHITE_Z * labInverse(fz);
        var r = toGamma(3.2404542 * x - 1.5371385 * y - 0.4985314 * z);
        var g = toGamma(-0.9692660 * x + 1.8760108 * y + 0.0415560 * z);
        var b = toGamma(0.0556434 * x - 0.2040259 * y + 1.0572252 * z);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    private static double toLinear(double channel) {
        return channel <= 0.04045 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }

    private static int toGamma(double linear) {
        var channel = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
        return (int) Math.round(Math.clamp(channel, 0, 1) * 255);
    }

    private static double labF(double t) {
        return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
    }

    private static double labInverse(double f) {
        var cube = f * f * f;
        return cube > EPSILON ? cube : (116 * f - 16) / KAPPA;
    }
}
