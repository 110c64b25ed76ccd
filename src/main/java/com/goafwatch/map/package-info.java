/**
 * Maps: Mapbox vector tiles straight from PostGIS ({@code ST_AsMVT}) for parcels, cables and
 * settlement markers, versioned by {@code map_layer_version} so that no client keeps a stale tile
 * after an edit, and the data behind the web map at {@code /}.
 */
package com.goafwatch.map;
