package fi.tilannekuva.warehouse;

import java.util.Locale;

/** The medallion layers of the warehouse: as received, typed and validated, and what users read. */
public enum Layer {
    BRONZE, SILVER, GOLD;

    public String directory() {
        return name().toLowerCase(Locale.ROOT);
    }
}
