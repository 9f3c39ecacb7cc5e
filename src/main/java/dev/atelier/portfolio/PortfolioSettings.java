package dev.atelier.portfolio;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code atelier.portfolio.*}: what an upload may be.
 *
 * @param maxFileSize the largest single file
 * @param quotaPerCreator all of a creator's works together
 * @param maxFilesPerUpload files in one upload request
 * @param maxImagePixels width × height above which an image is refused without being decoded
 * @param maxUnpackedSize what a document may expand to when unpacked (a decompression bomb guard)
 * @param maxTextCharacters extracted text beyond this is cut
 * @param readTimeout how long reading one file may take before it is refused
 */
@ConfigurationProperties("atelier.portfolio")
record PortfolioSettings(
        @DefaultValue("25MB") DataSize maxFileSize,
        @DefaultValue("1GB") DataSize quotaPerCreator,
        @DefaultValue("20") int maxFilesPerUpload,
        @DefaultValue("40000000") long maxImagePixels,
        @DefaultValue("200MB") DataSize maxUnpackedSize,
        @DefaultValue("1000000") int maxTextCharacters,
        @DefaultValue("30s") Duration readTimeout) {
}
