package com.goafwatch.map;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import com.goafwatch.project.ProjectRepository;
import com.goafwatch.security.ConfirmingReads;
import com.goafwatch.security.ConfirmingReads.Proven;
import com.goafwatch.security.ProjectAccess;
import com.goafwatch.security.TokenProof;

/**
 * The response for a tile of one or more layers, shared by {@code /tiles} and OGC API – Tiles. Tiles are never cached
 * by URL alone: the ETag names the layer versions (bumped by triggers in the editing transaction) and the caller's
 * project scope, and {@code no-cache} makes clients revalidate, so an edit shows on the next request and an unchanged
 * tile costs a 304. Several layers are one tile by concatenation: an MVT is a protobuf message whose layers are a
 * repeated field, so the bytes of single-layer tiles joined are the tile holding all of them.
 */
@Component
class TileResponses {

    static final MediaType MVT = MediaType.parseMediaType("application/vnd.mapbox-vector-tile");

    private final TileRepository tiles;
    private final ProjectAccess access;
    private final ProjectRepository projects;
    private final ConfirmingReads reads;

    TileResponses(TileRepository tiles, ProjectAccess access, ProjectRepository projects, ConfirmingReads reads) {
        this.tiles = tiles;
        this.access = access;
        this.projects = projects;
        this.reads = reads;
    }

    /** Checks that the caller may see {@code project} (null: every visible project). */
    void requireProject(Long project) {
        if (project != null) {
            projects.require(project);
            access.require(project);
        }
    }

    ResponseEntity<byte[]> tile(List<TileLayer> layers, TileAddress at, Long project, String ifNoneMatch) {
        if (ifNoneMatch != null) {
            reads.confirmNow(); // the 304 answer reads only versions: confirm a remembered token on its own
        }
        return reads.read(proof -> render(layers, at, project, ifNoneMatch, proof));
    }

    /** The response, the first layer's statement carrying the token proof (the others run after it held). */
    private Proven<ResponseEntity<byte[]>> render(List<TileLayer> layers, TileAddress at, Long project, String ifNoneMatch,
            TokenProof proof) {
        requireProject(project);
        Set<Long> visible = access.visibleProjects();
        String scope = scopeKey(visible, project);
        if (ifNoneMatch != null) {
            String current = etag(layers, layers.stream().map(tiles::version).toList(), scope);
            if (ifNoneMatch.contains(current.substring(2))) { // weak comparison: the opaque tag with or without W/
                return new Proven<>(ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(current).cacheControl(cacheControl()).build(),
                        true);
            }
        }
        ByteArrayOutputStream mvt = new ByteArrayOutputStream();
        List<Long> versions = new java.util.ArrayList<>();
        for (TileLayer layer : layers) {
            Tile tile = tiles.tile(layer, at, visible, project, versions.isEmpty() ? proof : null);
            if (!tile.tokenHeld()) {
                return new Proven<>(null, false);
            }
            versions.add(tile.version());
            if (!tile.isEmpty()) {
                mvt.writeBytes(tile.mvt());
            }
        }
        boolean empty = mvt.size() == 0;
        ResponseEntity.BodyBuilder response = ResponseEntity.status(empty ? HttpStatus.NO_CONTENT : HttpStatus.OK)
                .eTag(etag(layers, versions, scope))
                .cacheControl(cacheControl())
                .varyBy(HttpHeaders.AUTHORIZATION, HttpHeaders.COOKIE);
        return new Proven<>(empty ? response.build() : response.contentType(MVT).body(mvt.toByteArray()), true);
    }

    private static CacheControl cacheControl() {
        // private: the content depends on the caller's projects; no-cache: always revalidate the version
        return CacheControl.noCache().cachePrivate();
    }

    private static String etag(List<TileLayer> layers, List<Long> versions, String scope) {
        StringBuilder tag = new StringBuilder("W/\"");
        for (int i = 0; i < layers.size(); i++) {
            tag.append(layers.get(i).urlName()).append('-').append(versions.get(i)).append('-');
        }
        return tag.append(scope).append('"').toString();
    }

    private static String scopeKey(Set<Long> visible, Long project) {
        String projectsKey = visible == null ? "all" : Integer.toHexString(new TreeSet<>(visible).toString().hashCode());
        return project == null ? projectsKey : projectsKey + "-p" + project;
    }

    static String layerNames() {
        return java.util.Arrays.stream(TileLayer.values()).map(TileLayer::urlName).collect(Collectors.joining(", "));
    }
}
