package dev.atelier.index;

/** Small hand-made unit vectors whose similarities tests can reason about. */
final class Vectors {

    static final int DIMENSIONS = 4;

    private Vectors() {
    }

    /** The query direction. */
    static float[] query() {
        return withSimilarity(1);
    }

    /** A unit vector whose cosine with {@link #query()} is {@code similarity}. */
    static float[] withSimilarity(double similarity) {
        return new float[] {(float) similarity, (float) Math.sqrt(1 - similarity * similarity), 0, 0};
    }

    /** A unit vector along axis {@code axis} (0 is the query's). */
    static float[] axis(int axis) {
        var vector = new float[DIMENSIONS];
        vector[axis] = 1;
        return vector;
    }
}
