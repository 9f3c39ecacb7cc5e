package dev.atelier.portfolio;

/** What a work is, which decides how it is read and what a model learns from it. */
public enum WorkKind {
    TEXT, DOCUMENT, CODE, IMAGE, AUDIO;

    public String label() {
        return switch (this) {
            case TEXT -> "Text";
            case DOCUMENT -> "Document";
            case CODE -> "Code";
            case IMAGE -> "Image";
            case AUDIO -> "Audio";
        };
    }

    /** Whether the work has text a model can learn from. */
    public boolean textual() {
        return this == TEXT || this == DOCUMENT || this == CODE;
    }
}
