package dev.atelier.personalmodel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jspecify.annotations.Nullable;

/**
 * Tells how likely a text is to be in one creator's style: a binary logistic regression trained on the creator's
 * chunks (label 1) against chunks of the background corpus (label 0). A chunk's features are its embedding followed
 * by {@link #STYLOMETRIC_FEATURES} measured on its text; every feature is standardised with the mean and standard
 * deviation of the training examples, which are stored with the weights.
 *
 * <p>Training is deterministic: a stratified split holds out {@value #HELD_OUT_PERCENT}% of each class, chosen by a
 * generator with a fixed seed; the rest is fitted by batch gradient descent with Nesterov momentum on the
 * class-balanced log loss (each class weighs half, however many chunks it has) plus an L2 penalty of
 * {@value #L2_PENALTY}. The penalty is strong on purpose, as there are more features than most creators have
 * chunks, and it covers the bias too (as liblinear does): with standardised features and balanced classes the bias
 * stays near zero, and the loss is then strongly convex with a known modulus. Step size and momentum follow from that
 * modulus and a bound on the loss's curvature found by power iteration, so there is no learning rate to tune and
 * a few hundred iterations converge. The held-out examples only measure accuracy; the model kept is the one fitted
 * on the rest.
 *
 * <p>With fewer than {@value #MIN_CREATOR_CHUNKS_FOR_ACCURACY} creator chunks, two or fewer would be held out, which
 * measures nothing: the classifier is then trained on every example and {@link #heldOutAccuracy()} is null.
 *
 * <p>The background embeddings must come from the same engine as the creator's. They do not change, so callers
 * compute them once per engine and keep them (BackgroundSample does). Immutable and thread-safe.
 */
final class StyleClassifier {

    static final int MIN_CREATOR_CHUNKS_FOR_ACCURACY = 10;

    /** Per-chunk stylometrics added to the embedding, in this order; stored with the model to detect a mismatch. */
    static final List<String> STYLOMETRIC_FEATURES = List.of("meanSentenceWords", "commasPer100Words",
            "semicolonsPer100Words", "colonsPer100Words", "exclamationsPer100Words", "questionsPer100Words",
            "dashesPer100Words", "emojiPer100Words", "typeTokenRatio");

    static final String MODEL = "logistic-regression";

    private static final int HELD_OUT_PERCENT = 20;
    private static final long SPLIT_SEED = 20_241_124L;
    private static final double L2_PENALTY = 0.1;
    private static final int MAX_ITERATIONS = 300;
    private static final double GRADIENT_TOLERANCE = 1e-5;
    private static final int POWER_ITERATIONS = 30;

    private final int dimensions;
    private final double[] weights;
    private final double bias;
    private final double[] means;
    private final double[] deviations;
    private final @Nullable Double heldOutAccuracy;
    private final int trainingExamples;
    private final int heldOutExamples;

    private StyleClassifier(int dimensions, double[] weights, double bias, double[] means, double[] deviations,
                            @Nullable Double heldOutAccuracy, int trainingExamples, int heldOutExamples) {
        this.dimensions = dimensions;
        this.weights = weights;
        this.bias = bias;
        this.means = means;
        this.deviations = deviations;
        this.heldOutAccuracy = heldOutAccuracy;
        this.trainingExamples = trainingExamples;
        this.heldOutExamples = heldOutExamples;
    }

    /**
     * @param creatorEmbeddings one per creator chunk, in the order of {@code creatorTexts}
     * @param backgroundEmbeddings one per background chunk, from the same embedding engine
     */
    static StyleClassifier train(List<float[]> creatorEmbeddings, List<String> creatorTexts,
                                 List<float[]> backgroundEmbeddings, List<String> backgroundTexts) {
        if (creatorEmbeddings.isEmpty() || backgroundEmbeddings.isEmpty()) {
            throw new IllegalArgumentException("training needs creator and background chunks, got "
                    + creatorEmbeddings.size() + " and " + backgroundEmbeddings.size());
        }
        if (creatorEmbeddings.size() != creatorTexts.size() || backgroundEmbeddings.size() != backgroundTexts.size()) {
            throw new IllegalArgumentException("every chunk needs one embedding: " + creatorEmbeddings.size()
                    + " creator embeddings for " + creatorTexts.size() + " texts, " + backgroundEmbeddings.size()
                    + " background embeddings for " + backgroundTexts.size());
        }
        var dimensions = creatorEmbeddings.getFirst().length;
        var creator = features(creatorEmbeddings, creatorTexts, dimensions);
        var background = features(backgroundEmbeddings, backgroundTexts, dimensions);

        var random = new Random(SPLIT_SEED);
        var split = creator.size() >= MIN_CREATOR_CHUNKS_FOR_ACCURACY;
        var creatorOrder = shuffled(creator.size(), random);
        var backgroundOrder = shuffled(background.size(), random);
        var creatorHeldOut = split ? heldOutCount(creator.size()) : 0;
        var backgroundHeldOut = split ? heldOutCount(background.size()) : 0;

        var train = new ArrayList<double[]>();
        var labels = new ArrayList<Boolean>();
        var test = new ArrayList<double[]>();
        var testLabels = new ArrayList<Boolean>();
        for (var i = 0; i < creatorOrder.size(); i++) {
            (i < creatorHeldOut ? test : train).add(creator.get(creatorOrder.get(i)));
            (i < creatorHeldOut ? testLabels : labels).add(true);
        }
        for (var i = 0; i < backgroundOrder.size(); i++) {
            (i < backgroundHeldOut ? test : train).add(background.get(backgroundOrder.get(i)));
            (i < backgroundHeldOut ? testLabels : labels).add(false);
        }

        var width = dimensions + STYLOMETRIC_FEATURES.size();
        var means = new double[width];
        var deviations = new double[width];
        standardisation(train, means, deviations);
        var x = train.stream().map(row -> standardised(row, means, deviations)).toArray(double[][]::new);
        var y = labels.stream().mapToDouble(label -> label ? 1 : 0).toArray();
        var fitted = fit(x, y);
        var weights = Arrays.copyOf(fitted, width);
        var bias = fitted[width];

        var classifier = new StyleClassifier(dimensions, weights, bias, means, deviations, null, train.size(),
                test.size());
        if (!split) {
            return classifier;
        }
        var correct = 0;
        for (var i = 0; i < test.size(); i++) {
            correct += (classifier.probability(test.get(i)) >= 0.5) == testLabels.get(i) ? 1 : 0;
        }
        return new StyleClassifier(dimensions, weights, bias, means, deviations, (double) correct / test.size(),
                train.size(), test.size());
    }

    /** The probability, from 0 to 1, that a text with this embedding is in the creator's style. */
    double score(float[] embedding, String text) {
        if (embedding.length != dimensions) {
            throw new IllegalArgumentException("this classifier takes " + dimensions
                    + "-dimensional embeddings, got " + embedding.length);
        }
        return probability(raw(embedding, text));
    }

    /** Accuracy on the held-out examples; null when there were too few creator chunks to hold any out. */
    @Nullable Double heldOutAccuracy() {
        return heldOutAccuracy;
    }

    int trainingExamples() {
        return trainingExamples;
    }

    int heldOutExamples() {
        return heldOutExamples;
    }

    /** Everything {@link #fromJson} needs, as JSON-ready maps, lists and numbers. */
    Map<String, Object> toJson() {
        var json = new LinkedHashMap<String, Object>();
        json.put("model", MODEL);
        json.put("embeddingDimensions", dimensions);
        json.put("stylometricFeatures", STYLOMETRIC_FEATURES);
        json.put("weights", list(weights));
        json.put("bias", bias);
        json.put("means", list(means));
        json.put("deviations", list(deviations));
        json.put("heldOutAccuracy", heldOutAccuracy);
        json.put("trainingExamples", trainingExamples);
        json.put("heldOutExamples", heldOutExamples);
        return json;
    }

    /** @throws IllegalArgumentException if the map is not a classifier this version can use */
    static StyleClassifier fromJson(Map<String, Object> json) {
        if (!MODEL.equals(json.get("model"))) {
            throw new IllegalArgumentException("not a " + MODEL + " style classifier: model is " + json.get("model"));
        }
        if (!STYLOMETRIC_FEATURES.equals(json.get("stylometricFeatures"))) {
            throw new IllegalArgumentException("the classifier was trained on other stylometric features: "
                    + json.get("stylometricFeatures"));
        }
        var dimensions = number(json, "embeddingDimensions").intValue();
        var width = dimensions + STYLOMETRIC_FEATURES.size();
        var accuracy = json.get("heldOutAccuracy") instanceof Number number ? number.doubleValue() : null;
        return new StyleClassifier(dimensions, doubles(json, "weights", width), number(json, "bias").doubleValue(),
                doubles(json, "means", width), doubles(json, "deviations", width), accuracy,
                number(json, "trainingExamples").intValue(), number(json, "heldOutExamples").intValue());
    }

    // Features

    private static List<double[]> features(List<float[]> embeddings, List<String> texts, int dimensions) {
        var rows = new ArrayList<double[]>(embeddings.size());
        for (var i = 0; i < embeddings.size(); i++) {
            if (embeddings.get(i).length != dimensions) {
                throw new IllegalArgumentException("embeddings differ in length: " + dimensions + " and "
                        + embeddings.get(i).length + "; were they made by different engines?");
            }
            rows.add(raw(embeddings.get(i), texts.get(i)));
        }
        return rows;
    }

    private static double[] raw(float[] embedding, String text) {
        var row = new double[embedding.length + STYLOMETRIC_FEATURES.size()];
        for (var i = 0; i < embedding.length; i++) {
            row[i] = embedding[i];
        }
        var style = Stylometry.of(text);
        var at = embedding.length;
        row[at++] = style.meanSentenceWords();
        row[at++] = style.per100Words(style.commas());
        row[at++] = style.per100Words(style.semicolons());
        row[at++] = style.per100Words(style.colons());
        row[at++] = style.per100Words(style.exclamations());
        row[at++] = style.per100Words(style.questions());
        row[at++] = style.per100Words(style.dashes());
        row[at++] = style.per100Words(style.emoji());
        row[at] = style.typeTokenRatio();
        return row;
    }

    /** A feature that does not vary in training gets deviation 1, so it standardises to 0 there and stays finite. */
    private static void standardisation(List<double[]> rows, double[] means, double[] deviations) {
        for (var row : rows) {
            for (var j = 0; j < means.length; j++) {
                means[j] += row[j] / rows.size();
            }
        }
        for (var row : rows) {
            for (var j = 0; j < means.length; j++) {
                deviations[j] += (row[j] - means[j]) * (row[j] - means[j]) / rows.size();
            }
        }
        for (var j = 0; j < deviations.length; j++) {
            deviations[j] = deviations[j] > 1e-12 ? Math.sqrt(deviations[j]) : 1;
        }
    }

    private static double[] standardised(double[] row, double[] means, double[] deviations) {
        var z = new double[row.length];
        for (var j = 0; j < row.length; j++) {
            z[j] = (row[j] - means[j]) / deviations[j];
        }
        return z;
    }

    private double probability(double[] row) {
        var logit = bias;
        for (var j = 0; j < weights.length; j++) {
            logit += weights[j] * (row[j] - means[j]) / deviations[j];
        }
        return sigmoid(logit);
    }

    // Fitting

    /** Weights followed by the bias. */
    private static double[] fit(double[][] x, double[] y) {
        var n = x.length;
        var width = x[0].length;
        var positives = Arrays.stream(y).sum();
        var exampleWeights = new double[n];
        for (var i = 0; i < n; i++) {
            exampleWeights[i] = n / (2 * (y[i] > 0.5 ? positives : n - positives));
        }
        var smoothness = curvatureBound(x, exampleWeights);
        var step = 1 / smoothness;
        var rootCondition = Math.sqrt(smoothness / L2_PENALTY);
        var momentum = (rootCondition - 1) / (rootCondition + 1);

        var current = new double[width + 1];
        var previous = new double[width + 1];
        var lookahead = new double[width + 1];
        var gradient = new double[width + 1];
        for (var iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            gradient(x, y, exampleWeights, lookahead, gradient);
            if (Math.sqrt(Arrays.stream(gradient).map(g -> g * g).sum()) < GRADIENT_TOLERANCE) {
                return lookahead;
            }
            System.arraycopy(current, 0, previous, 0, current.length);
            for (var j = 0; j <= width; j++) {
                current[j] = lookahead[j] - step * gradient[j];
            }
            for (var j = 0; j <= width; j++) {
                lookahead[j] = current[j] + momentum * (current[j] - previous[j]);
            }
        }
        return current;
    }

    /** The gradient of the weighted mean log loss plus the L2 penalty, at {@code parameters}. */
    private static void gradient(double[][] x, double[] y, double[] exampleWeights, double[] parameters,
                                 double[] gradient) {
        var width = x[0].length;
        Arrays.fill(gradient, 0);
        for (var i = 0; i < x.length; i++) {
            var row = x[i];
            var logit = parameters[width];
            for (var j = 0; j < width; j++) {
                logit += parameters[j] * row[j];
            }
            var error = exampleWeights[i] * (sigmoid(logit) - y[i]) / x.length;
            for (var j = 0; j < width; j++) {
                gradient[j] += error * row[j];
            }
            gradient[width] += error;
        }
        for (var j = 0; j <= width; j++) {
            gradient[j] += L2_PENALTY * parameters[j];
        }
    }

    /**
     * A bound on the loss's curvature: the logistic function's slope is at most 1/4, so the Hessian is at most a
     * quarter of the largest eigenvalue of the weighted XᵀSX/n (with the bias column), plus the penalty. The
     * eigenvalue comes from power iteration, which may fall a little short of it, hence a 10% margin.
     */
    private static double curvatureBound(double[][] x, double[] exampleWeights) {
        var width = x[0].length;
        var vector = new double[width + 1];
        Arrays.fill(vector, 1 / Math.sqrt(width + 1));
        var eigenvalue = 0.0;
        for (var iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
            var product = new double[width + 1];
            for (var i = 0; i < x.length; i++) {
                var dot = vector[width];
                for (var j = 0; j < width; j++) {
                    dot += x[i][j] * vector[j];
                }
                var scaled = exampleWeights[i] * dot / x.length;
                for (var j = 0; j < width; j++) {
                    product[j] += scaled * x[i][j];
                }
                product[width] += scaled;
            }
            var norm = Math.sqrt(Arrays.stream(product).map(v -> v * v).sum());
            if (norm == 0) {
                break;
            }
            eigenvalue = norm;
            for (var j = 0; j <= width; j++) {
                vector[j] = product[j] / norm;
            }
        }
        return 1.1 * (eigenvalue / 4 + L2_PENALTY);
    }

    private static double sigmoid(double logit) {
        return logit >= 0 ? 1 / (1 + Math.exp(-logit)) : Math.exp(logit) / (1 + Math.exp(logit));
    }

    // Splitting and storing

    private static List<Integer> shuffled(int size, Random random) {
        var order = new ArrayList<Integer>(size);
        for (var i = 0; i < size; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        return order;
    }

    /** About a fifth, but at least one, and never all: the training set keeps every class. */
    private static int heldOutCount(int size) {
        return Math.min(size - 1, Math.max(1, Math.round(size * HELD_OUT_PERCENT / 100f)));
    }

    private static List<Double> list(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static Number number(Map<String, Object> json, String key) {
        if (json.get(key) instanceof Number number) {
            return number;
        }
        throw new IllegalArgumentException("the classifier's " + key + " is missing or not a number");
    }

    private static double[] doubles(Map<String, Object> json, String key, int length) {
        if (!(json.get(key) instanceof List<?> values) || values.size() != length) {
            throw new IllegalArgumentException("the classifier's " + key + " must be a list of " + length + " numbers");
        }
        var result = new double[length];
        for (var i = 0; i < length; i++) {
            if (!(values.get(i) instanceof Number number)) {
                throw new IllegalArgumentException("the classifier's " + key + "[" + i + "] is not a number");
            }
            result[i] = number.doubleValue();
        }
        return result;
    }
}
