package fi.tilannekuva.area;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Statistics Finland's municipality → wellbeing services county keys, one per year. A municipality is
 * resolved through the key of the year asked for; a code missing from that key (a merged municipality)
 * goes through the most recent earlier key that has it. A year older than every key that has the code goes
 * through the earliest later key that has it, so an input root carrying only this year's key can still roll up
 * last year's municipal populations.
 */
public final class MunicipalityKeys {

    /** One row of a key: a municipality and the area it belonged to in {@code year}. */
    public record Entry(int year, String municipality, String nameFi, String nameSv, String nameEn, String areaCode) {
    }

    private final NavigableMap<Integer, Map<String, Entry>> byYear;
    private final Map<String, String> files;

    /**
     * @param files each key file read (its name under the input root) with its SHA-256: what the keys were read
     *              from, for a refresh's fingerprint
     */
    public MunicipalityKeys(Map<Integer, Map<String, Entry>> byYear, Map<String, String> files) {
        TreeMap<Integer, Map<String, Entry>> copy = new TreeMap<>();
        byYear.forEach((y, m) -> copy.put(y, Map.copyOf(m)));
        this.byYear = Collections.unmodifiableNavigableMap(copy);
        this.files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** The key files read, by name, with their SHA-256. */
    public Map<String, String> files() {
        return files;
    }

    public NavigableMap<Integer, Map<String, Entry>> byYear() {
        return byYear;
    }

    public boolean isEmpty() {
        return byYear.isEmpty();
    }

    /** Municipality codes are three digits; "91" and "091" are the same municipality. */
    public static Optional<String> normalise(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip();
        if (c.isEmpty() || c.length() > 3 || !c.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of("0".repeat(3 - c.length()) + c);
    }

    /** Every (municipality, key year, area) triple, for the distributed lookup in {@link AreaResolver}. */
    public List<Entry> entries() {
        return byYear.values().stream().flatMap(m -> m.values().stream()).toList();
    }
}
