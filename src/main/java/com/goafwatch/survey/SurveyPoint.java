package com.goafwatch.survey;

/**
 * A surveyed position in the project's projected survey CRS (CGCS2000 3° Gauss-Krüger: EPSG:4548 without zone
 * prefix, EPSG:4527 with it), in metres: easting (grid x), northing (grid y), height above the datum.
 */
public record SurveyPoint(double eastingM, double northingM, double heightM) {
}
