package dev.atelier.storage;

/** Nothing is stored under the key that was asked for. */
public class NoSuchObject extends RuntimeException {

    private final String key;

    NoSuchObject(String key) {
        super("no object is stored under '" + key + "'");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
