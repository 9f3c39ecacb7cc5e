package dev.atelier.portfolio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Duration, loudness and silence of PCM WAV audio, read in a single streaming pass. Loudness is the RMS level in
 * dBFS over the whole file; the silence ratio is the share of 50 ms windows quieter than {@value #SILENCE_DBFS} dBFS.
 */
final class AudioFacts {

    static final double SILENCE_DBFS = -45;

    private AudioFacts() {
    }

    static Map<String, Object> measureWav(Path file) throws IOException, UnsupportedAudioFileException {
        try (var audio = AudioSystem.getAudioInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            var format = audio.getFormat();
            if (format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || format.getSampleSizeInBits() != 16) {
                var facts = new LinkedHashMap<String, Object>();
                facts.put("durationSeconds", ImageFacts.round(audio.getFrameLength() / format.getFrameRate()));
                return facts;
            }
            var channels = format.getChannels();
            var bigEndian = format.isBigEndian();
            var windowFrames = Math.max(1, (int) (format.getFrameRate() / 20));
            var buffer = new byte[format.getFrameSize() * 4096];
            long frames = 0, windows = 0, silentWindows = 0;
            double sumSquares = 0, windowSquares = 0, peak = 0;
            var inWindow = 0;
            int read;
            while ((read = audio.read(buffer)) > 0) {
                for (var offset = 0; offset + format.getFrameSize() <= read; offset += format.getFrameSize()) {
                    double frame = 0;
                    for (var c = 0; c < channels; c++) {
                        var i = offset + c * 2;
                        var sample = bigEndian ? (short) ((buffer[i] << 8) | (buffer[i + 1] & 0xff))
                                : (short) ((buffer[i + 1] << 8) | (buffer[i] & 0xff));
                        frame += sample / 32768.0;
                    }
                    frame /= channels;
                    sumSquares += frame * frame;
                    windowSquares += frame * frame;
                    peak = Math.max(peak, Math.abs(frame));
                    frames++;
                    if (++inWindow == windowFrames) {
                        windows++;
                        if (dbfs(Math.sqrt(windowSquares / inWindow)) < SILENCE_DBFS) {
                            silentWindows++;
                        }
                        windowSquares = 0;
                        inWindow = 0;
                    }
                }
            }
            var facts = new LinkedHashMap<String, Object>();
            facts.put("durationSeconds", ImageFacts.round(frames / format.getFrameRate()));
            facts.put("sampleRate", (int) format.getSampleRate());
            facts.put("channels", channels);
            facts.put("loudnessDbfs", ImageFacts.round(frames == 0 ? -120 : dbfs(Math.sqrt(sumSquares / frames))));
            facts.put("peakDbfs", ImageFacts.round(dbfs(peak)));
            facts.put("silenceRatio", windows == 0 ? 1.0 : ImageFacts.round((double) silentWindows / windows));
            return facts;
        }
    }

    private static double dbfs(double level) {
        return level <= 1e-6 ? -120 : 20 * Math.log10(level);
    }
}
