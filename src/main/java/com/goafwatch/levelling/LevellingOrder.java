package com.goafwatch.levelling;

import java.util.Locale;
import java.util.Optional;

/**
 * Orders of levelling and the misclosure limit of a connected line or loop, ±k·√L mm with L the route
 * length in km: first order 2√L and second order 4√L (GB/T 12897-2006, 国家一、二等水准测量规范, limits of
 * 附合路线/环线闭合差); third order 12√L (plain) / 15√L (mountain) and fourth order 20√L / 25√L (GB/T 12898-2009,
 * 国家三、四等水准测量规范, same limit; "mountain" = above 1000 m or more than 400 m of height difference on
 * the route). The coefficients are defaults; {@link LevellingProperties} can override them.
 */
public enum LevellingOrder {
    FIRST(2, 2), SECOND(4, 4), THIRD(12, 15), FOURTH(20, 25);

    private final double plainMmPerSqrtKm;
    private final double mountainMmPerSqrtKm;

    LevellingOrder(double plain, double mountain) {
        this.plainMmPerSqrtKm = plain;
        this.mountainMmPerSqrtKm = mountain;
    }

    public double defaultCoefficient(boolean mountain) {
        return mountain ? mountainMmPerSqrtKm : plainMmPerSqrtKm;
    }

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LevellingOrder> parse(String text) {
        for (LevellingOrder o : values()) {
            if (o.dbValue().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
