package fi.tilannekuva.config;

import java.util.List;

/**
 * One comparison area with its Statistics Finland code, names in Finnish, Swedish and English, the
 * short names sources use, and its Sotkanet region ids.
 */
public record Area(String code, AreaKind kind, String nameFi, String nameSv, String nameEn, List<String> shortNames,
                   Integer sotkanetId, Integer sotkanetOldId, boolean funded) {

    public static final String COUNTRY = "SSS";

    public Area {
        shortNames = List.copyOf(shortNames);
    }

    public boolean isCountry() {
        return kind == AreaKind.COUNTRY;
    }
}
