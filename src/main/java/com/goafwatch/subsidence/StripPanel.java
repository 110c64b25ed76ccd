package com.goafwatch.subsidence;

/**
 * A mined-out strip panel as a rectangle in the site frame (u along the panels, v across, metres), with the
 * inflection-point offset already applied where the caller wants it.
 */
public record StripPanel(String name, double uFrom, double uTo, double vFrom, double vTo) {
}
