package fi.tilannekuva.config;

import java.util.Locale;

/** Which standard population the direct standardisation uses ({@code tilannekuva.standardisation.standard}). */
public enum StandardPopulationKind {
    /** The national population of the year: the country's standardised rate equals its crude rate. */
    NATIONAL,
    /** Eurostat's European Standard Population 2013. */
    ESP2013;

    public static StandardPopulationKind parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "national" -> NATIONAL;
            case "esp2013" -> ESP2013;
            default -> throw new IllegalArgumentException(
                    "standardisation.standard must be national or esp2013, was " + value);
        };
    }
}
