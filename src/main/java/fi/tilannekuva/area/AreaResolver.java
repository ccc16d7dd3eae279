package fi.tilannekuva.area;

import fi.tilannekuva.config.Area;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the many ways sources name an area into one Statistics Finland area code: codes with or without a
 * leading zero, Finnish, Swedish and English names with or without the county word, and Sotkanet region ids old
 * and new. Municipality codes go through {@link MunicipalityLookup}, the key of the right year.
 */
public final class AreaResolver {

    private static final Pattern SUFFIX = Pattern.compile(
            "\\s+(hyvinvointialue|hyvinvointialueen|hva|välfärdsområde|wellbeing services county|"
                    + "wellbeing services region|welfare area|welfare region)$");
    private static final Pattern DASHES = Pattern.compile("[\\u2010-\\u2015\\u2212]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final Map<String, Area> byCode = new LinkedHashMap<>();
    private final Map<String, String> byName = new HashMap<>();
    private final Map<Integer, String> bySotkanetId = new HashMap<>();
    public AreaResolver(List<Area> areas) {
        for (Area a : areas) {
            byCode.put(a.code(), a);
            for (String name : List.of(a.nameFi(), a.nameSv(), a.nameEn())) {
                register(name, a.code());
                register(SUFFIX.matcher(normaliseName(name)).replaceAll(""), a.code());
            }
            a.shortNames().forEach(n -> register(n, a.code()));
            if (a.sotkanetId() != null) {
                bySotkanetId.put(a.sotkanetId(), a.code());
            }
            if (a.sotkanetOldId() != null) {
                bySotkanetId.put(a.sotkanetOldId(), a.code());
            }
        }
    }

    private void register(String name, String code) {
        String key = normaliseName(name);
        String earlier = byName.putIfAbsent(key, code);
        if (earlier != null && !earlier.equals(code)) {
            throw new IllegalArgumentException("area name '" + name + "' is used by both " + earlier + " and " + code);
        }
    }

    static String normaliseName(String name) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
        n = DASHES.matcher(n).replaceAll("-");
        return SPACES.matcher(n).replaceAll(" ");
    }

    public List<Area> areas() {
        return List.copyOf(byCode.values());
    }

    public Optional<Area> area(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** An area code ("9", "09", "SSS") or an area name in any of the three languages. */
    public Optional<String> resolve(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit) && v.length() <= 2) {
            String code = v.length() == 1 ? "0" + v : v;
            return byCode.containsKey(code) ? Optional.of(code) : Optional.empty();
        }
        if (v.equalsIgnoreCase(Area.COUNTRY)) {
            return Optional.of(Area.COUNTRY);
        }
        return Optional.ofNullable(byName(byName, v));
    }

    /** Normalised area name → area code, for resolving names inside Spark ({@link #byName(Map, String)}). */
    public Map<String, String> nameIndex() {
        return new HashMap<>(byName);
    }

    /** The area code of a name in {@code index} ({@link #nameIndex()}), with or without the county word. */
    public static String byName(Map<String, String> index, String value) {
        if (value == null) {
            return null;
        }
        String name = normaliseName(value);
        String code = index.get(name);
        return code != null ? code : index.get(SUFFIX.matcher(name).replaceAll(""));
    }

    /** Sotkanet region id → area code, old and new ids and the country. */
    public Map<Integer, String> sotkanetIndex() {
        return new HashMap<>(bySotkanetId);
    }

}
