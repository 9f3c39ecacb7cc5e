package dev.atelier.personalmodel;

import java.util.Map;

import dev.atelier.portfolio.WorkKind;

/**
 * One work as the style profiler sees it.
 *
 * @param text the extracted text; "" for images and audio
 * @param metadata what was measured on upload (image palette and brightness, audio duration and loudness); keys may
 *     be missing
 */
record ProfileInput(WorkKind kind, String fileName, String text, Map<String, Object> metadata) {
}
