/**
 * Point sensors beside the cables: settlement markers (levelling, mm, positive downward), tiltmeters
 * (mm/m), extensometers (mm) and piezometers (kPa), each located in EPSG:4490 and assigned to the parcel
 * it stands in.
 */
package com.goafwatch.sensor;
