package com.goafwatch.treatment;

/** A directional survey reading: measured depth along the hole, inclination from vertical, azimuth from grid north. */
public record SurveyStation(double mdM, double inclinationDeg, double azimuthDeg) {
}
