package fi.tilannekuva.job;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The OAB figures of one quarter worked out from an input root in plain Java, sharing no code with the
 * pipeline, so the end-to-end test compares two independent readings of the same files.
 */
final class IndependentCount {

    static final List<String> CODES = List.of("OAB61", "OAB62", "OAB63", "OAB64");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d.M.uuuu H:mm[:ss]")
            .withResolverStyle(ResolverStyle.STRICT);

    final Map<String, Long> rowsRead = new TreeMap<>();
    final Map<String, Long> rowsQuarantined = new TreeMap<>();
    final Set<String> personIds = new HashSet<>();
    /** area|measure -> count, SSS included. */
    final Map<String, Long> counts = new HashMap<>();
    final Map<String, Long> population = new HashMap<>();

    IndependentCount(Path input, String quarter) throws IOException {
        Map<Integer, Map<String, String>> keys = readKeys(input.resolve("reference"));
        Map<String, String[]> contacts = new HashMap<>();  // id -> {tnro, area}
        for (Path f : list(input.resolve("visits"), "avohilmo_\\d{6}\\.csv")) {
            String name = "visits/" + f.getFileName();
            List<String> lines = lines(f);
            long read = 0;
            long quarantined = 0;
            // The natural key: of the rows of a file that pass every other rule, one per contact id stays.
            Set<String> accepted = new HashSet<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                read++;
                String[] v = line.split(";", -1);
                if (v.length > 1 && !v[1].isBlank()) {
                    personIds.add(v[1].strip());
                }
                if (v.length != 12 || v[0].isBlank() || v[1].isBlank()) {
                    quarantined++;
                    continue;
                }
                LocalDateTime started;
                try {
                    started = LocalDateTime.parse(v[10].strip(), TIME);
                } catch (RuntimeException e) {
                    quarantined++;
                    continue;
                }
                String area = area(keys, v[2].strip(), started.getYear());
                if (area == null || !accepted.add(v[0].strip())) {
                    quarantined++;
                    continue;
                }
                String q = started.getYear() + "Q" + ((started.getMonthValue() - 1) / 3 + 1);
                if (q.equals(quarter) && v[11].isBlank() && v[9].strip().equals("1")) {
                    contacts.put(v[0].strip(), new String[]{v[1].strip(), area});
                }
            }
            rowsRead.put(name, read);
            rowsQuarantined.put(name, quarantined);
        }
        Map<String, Set<String>> codesOf = new HashMap<>();
        for (Path f : list(input.resolve("visits"), "avohilmo_\\d{6}_toimenpide\\.csv")) {
            String name = "visits/" + f.getFileName();
            List<String> lines = lines(f);
            long read = 0;
            long quarantined = 0;
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                read++;
                String[] v = line.split(";", -1);
                if (v.length != 3 || v[0].isBlank() || v[2].isBlank()) {
                    quarantined++;
                    continue;
                }
                codesOf.computeIfAbsent(v[0].strip(), k -> new HashSet<>()).add(v[2].strip().toUpperCase());
            }
            rowsRead.put(name, read);
            rowsQuarantined.put(name, quarantined);
        }
        Map<String, Set<String>> ids = new HashMap<>();
        Map<String, Set<String>> clients = new HashMap<>();
        contacts.forEach((id, c) -> {
            for (String code : codesOf.getOrDefault(id, Set.of())) {
                if (CODES.contains(code)) {
                    String m = code.toLowerCase();
                    for (String a : List.of(c[1], "SSS")) {
                        for (String measure : List.of(m, "oab_any")) {
                            ids.computeIfAbsent(a + "|" + measure, k -> new HashSet<>()).add(id);
                            clients.computeIfAbsent(a + "|" + measure, k -> new HashSet<>()).add(c[0]);
                        }
                    }
                }
            }
        });
        ids.forEach((k, s) -> counts.put(k + "_contacts", (long) s.size()));
        clients.forEach((k, s) -> counts.put(k + "_clients", (long) s.size()));

        int year = Integer.parseInt(quarter.substring(0, 4)) - 1;
        Path pop = input.resolve("reference/population_" + year + ".csv");
        for (String line : lines(pop).subList(1, lines(pop).size())) {
            String[] v = line.split(",", -1);
            String code = v[0].strip();
            String area = code.length() == 3 ? area(keys, code, year)
                    : code.matches("\\d{1,2}") ? String.format("%02d", Integer.parseInt(code)) : null;
            if (area == null || !AREAS.contains(area)) {
                continue;
            }
            population.merge(area, Long.parseLong(v[3].strip()), Long::sum);
            population.merge("SSS", Long.parseLong(v[3].strip()), Long::sum);
        }
    }

    static final List<String> AREAS = List.of("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12",
            "13", "14", "15", "16", "17", "18", "19", "20", "21", "90", "91");

    long count(String area, String measure) {
        return counts.getOrDefault(area + "|" + measure, 0L);
    }

    private static String area(Map<Integer, Map<String, String>> keys, String municipality, int year) {
        if (!municipality.matches("\\d{1,3}")) {
            return null;
        }
        String m = String.format("%03d", Integer.parseInt(municipality));
        for (int y = year; y >= 2000; y--) {
            Map<String, String> key = keys.get(y);
            if (key != null && key.containsKey(m)) {
                return key.get(m);
            }
        }
        return null;
    }

    private static Map<Integer, Map<String, String>> readKeys(Path dir) throws IOException {
        Map<Integer, Map<String, String>> keys = new HashMap<>();
        for (Path f : list(dir, "municipalities_\\d{4}\\.csv")) {
            Matcher m = Pattern.compile("(\\d{4})").matcher(f.getFileName().toString());
            m.find();
            Map<String, String> key = new HashMap<>();
            List<String> lines = lines(f);
            for (String line : lines.subList(1, lines.size())) {
                String[] v = line.split(",", -1);
                key.put(v[0], String.format("%02d", Integer.parseInt(v[4])));
            }
            keys.put(Integer.parseInt(m.group(1)), key);
        }
        return keys;
    }

    private static List<Path> list(Path dir, String pattern) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches(pattern)).sorted().toList();
        }
    }

    private static List<String> lines(Path f) throws IOException {
        byte[] bytes = Files.readAllBytes(f);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return new ArrayList<>(List.of(text.replace("\r", "").split("\n")));
    }
}
