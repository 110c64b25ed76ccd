package com.goafwatch.ogc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

/**
 * Collection extents (bbox and time span over the caller's visible projects), remembered per collection and set of
 * visible projects together with the {@code map_layer_version} versions they were computed at. Every edit of a layer's
 * tables bumps its version in the writer's transaction, and the extent is computed in the same statement (the same
 * snapshot) as the versions it is stored under, so a remembered extent is used only while nothing it was computed from
 * has changed: never stale. Each instance of the service keeps its own; the versions are the database's.
 */
@Component
class OgcExtents {

    private static final int MAX_ENTRIES = 512;

    private record Key(OgcCollection collection, Set<Long> visible) {
    }

    private record Entry(List<Long> versions, OgcFeatureRepository.Extent extent) {
    }

    private final OgcFeatureRepository features;
    private final Map<Key, Entry> remembered = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    });

    OgcExtents(OgcFeatureRepository features) {
        this.features = features;
    }

    /** @param visible the caller's visible projects, null for all */
    OgcFeatureRepository.Extent of(OgcCollection c, Set<Long> visible) {
        Key key = new Key(c, visible == null ? null : Collections.unmodifiableSet(new TreeSet<>(visible)));
        List<String> layers = layers(c);
        Entry known = remembered.get(key);
        if (known != null && known.versions().equals(features.versions(layers))) {
            return known.extent();
        }
        OgcFeatureRepository.Versioned fresh = features.extent(c, visible, layers);
        remembered.put(key, new Entry(fresh.versions(), fresh.extent()));
        return fresh.extent();
    }

    /**
     * The {@code map_layer_version} rows bumped by every table the collection's extent reads (see the triggers of V6
     * and V7): alerts fall back to their parcel's geometry, phases are the union of their parcels.
     */
    static List<String> layers(OgcCollection c) {
        return switch (c) {
            case PHASES -> List.of("parcels", "phases");
            case PARCELS -> List.of("parcels");
            case CABLES, BOREHOLE_CABLES -> List.of("cables");
            case MARKERS -> List.of("markers");
            case BOREHOLES, BOREHOLE_TRACES -> List.of("boreholes");
            case ALERTS -> List.of("alerts", "parcels");
        };
    }
}
