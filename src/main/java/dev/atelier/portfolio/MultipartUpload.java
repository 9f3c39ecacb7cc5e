package dev.atelier.portfolio;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.web.multipart.MultipartFile;

/** A servlet multipart file as one upload of a batch. */
record MultipartUpload(MultipartFile file) implements Uploads.Upload {

    static List<MultipartUpload> of(MultipartFile @Nullable [] files) {
        return files == null ? List.of() : Arrays.stream(files).filter(file -> !file.isEmpty()
                || file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank())
                .map(MultipartUpload::new).toList();
    }

    static List<String> tags(@Nullable String commaSeparated) {
        return commaSeparated == null ? List.of() : Arrays.stream(commaSeparated.split(",")).map(String::strip)
                .filter(tag -> !tag.isEmpty()).toList();
    }

    @Override
    public String originalName() {
        var name = file.getOriginalFilename();
        return name == null || name.isBlank() ? "unnamed" : name;
    }

    @Override
    public long size() {
        return file.getSize();
    }

    @Override
    public InputStream open() throws IOException {
        return file.getInputStream();
    }
}
