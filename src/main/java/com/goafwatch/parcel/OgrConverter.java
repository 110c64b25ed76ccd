package com.goafwatch.parcel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

import com.goafwatch.geo.SupportedCrs;
import com.goafwatch.system.ApiException;

/**
 * Reads a zipped ESRI shapefile or a GeoPackage layer with GDAL's {@code ogr2ogr} (Debian gdal-bin)
 * and returns it as GeoJSON in EPSG:4490. GDAL does the reprojection here because the file's own CRS
 * lives in its .prj / gpkg_spatial_ref_sys, which only GDAL reads; it uses the same PROJ 9 as PostGIS.
 */
@Component
class OgrConverter {

    private static final String LIMIT = "goafwatch.limits.max-uncompressed-size";
    /** A layer name as GDAL writes them: no option dashes, no paths, no shell or SQL characters. */
    private static final java.util.regex.Pattern LAYER = java.util.regex.Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N} _.()-]{0,99}");

    private final long maxUncompressedBytes;

    OgrConverter(com.goafwatch.system.LimitsProperties limits) {
        this.maxUncompressedBytes = limits.maxUncompressedSize().toBytes();
    }

    /**
     * @param declaredCrs overrides the file's CRS (for shapefiles without a .prj); may be null
     * @param layer       GeoPackage layer or shapefile name; required only when there are several
     */
    String toGeoJson(String fileName, InputStream content, SupportedCrs declaredCrs, String layer) {
        if (layer != null && !layer.isBlank() && !LAYER.matcher(layer).matches()) {
            throw ApiException.badRequest("invalid-parameter", "layer must be a layer name (letters, digits, space, _ . ( ) -, "
                    + "not starting with '-' or a space, at most 100 characters)").with("parameter", "layer");
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("goafwatch-import-");
            String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
            Path source;
            if (lower.endsWith(".zip")) {
                source = shapefileIn(unzip(content, dir, maxUncompressedBytes), layer);
                layer = null;
            } else if (lower.endsWith(".gpkg")) {
                source = dir.resolve("upload.gpkg");
                Files.copy(content, source);
            } else {
                throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-file-type", "Unsupported file type",
                        "file '" + fileName + "' is neither a .zip holding a shapefile nor a .gpkg GeoPackage");
            }
            return run(source, dir.resolve("out.geojson"), declaredCrs, layer, maxUncompressedBytes);
        } catch (IOException e) {
            throw ApiException.badRequest("unreadable-file", "the uploaded file could not be read: " + e.getMessage());
        } finally {
            if (dir != null) {
                FileSystemUtils.deleteRecursively(dir.toFile());
            }
        }
    }

    private static Path unzip(InputStream content, Path dir, long maxBytes) throws IOException {
        Path root = dir.resolve("zip");
        Files.createDirectories(root);
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(content)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw ApiException.badRequest("unreadable-file", "zip entry '" + entry.getName() + "' points outside the archive");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                // the remaining budget caps this entry while it is written, whatever size its header claims
                try {
                    total += Files.copy(new com.goafwatch.system.LimitedInputStream(new java.io.FilterInputStream(zip) {
                        @Override
                        public void close() {
                            // the zip stream stays open for the next entry
                        }
                    }, maxBytes - total, LIMIT), target);
                } catch (com.goafwatch.system.LimitedInputStream.LimitExceeded e) {
                    throw com.goafwatch.system.ZipExpansion.tooLarge(maxBytes, LIMIT, entry.getName());
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw ApiException.badRequest("unreadable-file", "the upload is not a valid zip archive: " + e.getMessage());
        }
        return root;
    }

    private static Path shapefileIn(Path root, String layer) throws IOException {
        List<Path> shapefiles;
        try (var files = Files.walk(root)) {
            shapefiles = files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".shp")).toList();
        }
        if (layer != null && !layer.isBlank()) {
            shapefiles = shapefiles.stream().filter(p -> p.getFileName().toString().equalsIgnoreCase(layer + ".shp")).toList();
        }
        if (shapefiles.size() != 1) {
            throw ApiException.badRequest("unreadable-file", shapefiles.isEmpty()
                    ? "the zip holds no shapefile (.shp)" + (layer == null ? "" : " named " + layer)
                    : "the zip holds " + shapefiles.size() + " shapefiles; name one with the layer parameter");
        }
        return shapefiles.get(0);
    }

    private static String run(Path source, Path out, SupportedCrs declaredCrs, String layer, long maxBytes) throws IOException {
        List<String> command = new ArrayList<>(List.of("ogr2ogr", "-f", "GeoJSON", "-t_srs", "EPSG:4490",
                "-lco", "COORDINATE_PRECISION=10"));
        if (declaredCrs != null) {
            command.addAll(List.of("-s_srs", declaredCrs.code()));
        }
        // GDAL 3.6 knows no "--" end of options and reads --version, --config… anywhere: the layer name was checked
        // against LAYER (it cannot start with '-'), and the two paths are ours (absolute, in a temporary folder)
        command.add(out.toString());
        command.add(source.toString());
        if (layer != null && !layer.isBlank()) {
            command.add(layer);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String messages;
        try {
            messages = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw ApiException.unprocessable("unreadable-file", "Unreadable file", "GDAL took too long to read the file");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading an upload", e);
        }
        if (process.exitValue() != 0 || !Files.exists(out)) {
            String oneLine = messages.replaceAll("\\s+", " ");
            String hint = oneLine.contains("no coordinate system")
                    ? "the file declares no CRS (missing .prj?); pass crs=EPSG:4548 or the CRS it is in"
                    : "GDAL could not read the file: " + oneLine.substring(0, Math.min(oneLine.length(), 400));
            throw ApiException.unprocessable("unreadable-file", "Unreadable file", hint);
        }
        if (Files.size(out) > maxBytes) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", "the file's features as "
                    + "GeoJSON exceed " + maxBytes + " bytes (" + LIMIT + "); split the import").with("limitBytes", maxBytes);
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
