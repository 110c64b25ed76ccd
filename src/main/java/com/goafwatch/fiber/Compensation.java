package com.goafwatch.fiber;

import java.util.Optional;

/**
 * Temperature compensation of Brillouin strain. A Brillouin shift responds to temperature (~1 MHz/°C)
 * as well as strain (~0.05 MHz/µε), so an uncompensated reading contains an apparent thermal strain of
 * about 20 µε per °C.
 * <ul>
 * <li>{@code none}: the reading is used as it is (OFDR/Rayleigh data already compensated, or strain-only cables).</li>
 * <li>{@code temperature}: ε = ε_raw − α · (T − T₀), with T the co-located temperature of the sample (DTS on the
 * same route, or the interrogator's temperature channel), T₀ the cable's baseline temperature at tare time and α the
 * cable's {@code tempCoefficientUePerC} (default 20 µε/°C).</li>
 * <li>{@code reference-fiber}: ε = ε_raw − ε_ref, with ε_ref the reading of the loose-tube reference fiber at the same
 * distance and time (it feels temperature but ≤ 15 µε of strain), given per sample as {@code reference_strain_ue}.</li>
 * </ul>
 */
public enum Compensation {
    NONE("none"), TEMPERATURE("temperature"), REFERENCE_FIBER("reference-fiber");

    private final String dbValue;

    Compensation(String dbValue) {
        this.dbValue = dbValue;
    }

    public String dbValue() {
        return dbValue;
    }

    public static Optional<Compensation> parse(String text) {
        for (Compensation c : values()) {
            if (c.dbValue.equals(text)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * @param rawStrainUe          interrogator strain, µε
     * @param temperatureC         co-located temperature (NaN when absent)
     * @param referenceStrainUe    reference-fiber reading at the same distance (NaN when absent)
     * @return compensated strain, µε; NaN when the data this mode needs is missing
     */
    public double compensate(double rawStrainUe, double temperatureC, double referenceStrainUe, double coefficientUePerC,
            double baselineTemperatureC) {
        return switch (this) {
            case NONE -> rawStrainUe;
            case TEMPERATURE -> rawStrainUe - coefficientUePerC * (temperatureC - baselineTemperatureC);
            case REFERENCE_FIBER -> rawStrainUe - referenceStrainUe;
        };
    }
}
