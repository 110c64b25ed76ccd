package com.goafwatch.levelling;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups staff readings into set-ups: a set-up starts with a backsight, takes the foresight (BF) or the
 * foresights and second backsight (BFFB, averaged), and side shots; a backsight to another point after a
 * foresight starts the next set-up, which must stand on the previous foresight's point (turning point). Readings and
 * distances are checked for plausibility (staff length, sight length) so a unit mistake is caught.
 */
final class SetupBuilder {

    private final LevellingProperties limits;
    private final RawFileErrors errors;
    private final List<Setup> setups = new ArrayList<>();

    private String back;
    private long firstLine;
    private final List<Observation> backs = new ArrayList<>();
    private final List<Observation> fores = new ArrayList<>();
    private final List<Observation> intermediates = new ArrayList<>();

    SetupBuilder(LevellingProperties limits, RawFileErrors errors) {
        this.limits = limits;
        this.errors = errors;
    }

    static List<Setup> build(List<Observation> observations, LevellingProperties limits, RawFileErrors errors) {
        SetupBuilder b = new SetupBuilder(limits, errors);
        observations.forEach(b::add);
        b.close(true);
        if (b.setups.isEmpty() && !errors.any()) {
            errors.add(0, "the file holds no set-up (backsight and foresight readings)");
        }
        return b.setups;
    }

    private void add(Observation o) {
        if (!plausible(o)) {
            return;
        }
        switch (o.sight()) {
            case BACK -> {
                // a backsight to this set-up's backsight point after its foresight is the second B of BFFB;
                // to another point (the turning point) it starts the next set-up
                if (!fores.isEmpty() && !o.point().equals(back)) {
                    close(false);
                }
                if (back != null && !back.equals(o.point())) {
                    errors.add(o.line(), "backsight to " + o.point() + " but this set-up's backsight was to " + back);
                    return;
                }
                if (back == null) {
                    back = o.point();
                    firstLine = o.line();
                }
                backs.add(o);
            }
            case FORE -> {
                if (back == null) {
                    errors.add(o.line(), "foresight before any backsight");
                } else if (!fores.isEmpty() && !fores.get(0).point().equals(o.point())) {
                    errors.add(o.line(), "foresight to " + o.point() + " but this set-up's foresight was to " + fores.get(0).point());
                } else {
                    fores.add(o);
                }
            }
            case INTERMEDIATE -> {
                if (back == null) {
                    errors.add(o.line(), "intermediate sight before any backsight");
                } else {
                    intermediates.add(o);
                }
            }
        }
    }

    private boolean plausible(Observation o) {
        if (!(o.readingM() >= -0.5 && o.readingM() <= limits.maxReadingM())) {
            errors.add(o.line(), "staff reading " + o.readingM() + " m is not on a staff (−0.5–" + limits.maxReadingM() + " m; units?)");
            return false;
        }
        if (Double.isNaN(o.distanceM())) {
            errors.add(o.line(), "no sight distance: the tolerance needs the route length (WI 32 / HD)");
            return false;
        }
        if (!(o.distanceM() > 0 && o.distanceM() <= limits.maxSightM())) {
            errors.add(o.line(), "sight distance " + o.distanceM() + " m is implausible (0–" + limits.maxSightM() + " m)");
            return false;
        }
        return true;
    }

    private void close(boolean end) {
        if (back == null) {
            return;
        }
        if (fores.isEmpty()) {
            errors.add(backs.get(backs.size() - 1).line(), end ? "the last set-up has no foresight" : "set-up without a foresight");
        } else {
            int number = setups.size() + 1;
            if (!setups.isEmpty() && !setups.get(setups.size() - 1).forePoint().equals(back)) {
                errors.add(firstLine, "set-up " + number + " starts on " + back + " but set-up " + (number - 1) + " ended on "
                        + setups.get(setups.size() - 1).forePoint());
            }
            setups.add(new Setup(number, firstLine, back, mean(backs, false), mean(backs, true), fores.get(0).point(), mean(fores, false),
                    mean(fores, true), List.copyOf(intermediates)));
        }
        back = null;
        backs.clear();
        fores.clear();
        intermediates.clear();
    }

    private static double mean(List<Observation> list, boolean distance) {
        return list.stream().mapToDouble(o -> distance ? o.distanceM() : o.readingM()).average().orElse(Double.NaN);
    }
}
