package fi.tilannekuva.source.sotkanet;

import fi.tilannekuva.source.SampleContext;
import fi.tilannekuva.source.SampleFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the sample's {@code indicators/}: Sotkanet's region list (the counties' real new and old ids from the
 * reference table), THL's real metadata of indicators 186 and 322, metadata in the same format for three HYTE
 * outcome indicators with sample ids, and data responses as JSON and CSV with synthetic values: 2021–2023 under the
 * old region ids, 2024–2025 under the new ones, a revision of 2025, and the edge cases the rules must catch.
 */
public final class IndicatorSamples {

    /**
     * A sample indicator: id, title fi/sv/en, unit, national level and spread, the share of residents its figure
     * is relative to (the base of its absolute value, e.g. 0.2 for "per residents aged 65+"), decimals.
     */
    private record Indicator(int id, String fi, String sv, String en, String unitCode, String unitFi, double national,
                             double spread, double baseShare, int decimals) {
        /** The figure is per this many of the base. */
        double per() {
            return switch (unitCode) {
                case "PER10000" -> 10_000;
                case "PER100000" -> 100_000;
                default -> 100;
            };
        }
    }

    public static final List<Indicator> HYTE = List.of(
            new Indicator(9001, "Lonkkamurtumat 65 vuotta täyttäneillä / 10 000 vastaavan ikäistä",
                    "Höftfrakturer bland personer som fyllt 65 år / 10 000 i samma åldrar",
                    "Hip fractures among persons aged 65 and over / 10 000 persons of same age",
                    "PER10000", "Kymmentä tuhatta vastaavan ikäistä kohden", 61.0, 9.0, 0.2, 1),
            new Indicator(9002, "Koulutuksen ulkopuolelle jääneet 18–24-vuotiaat, % vastaavan ikäisestä väestöstä",
                    "18–24-åringar som står utanför utbildning, % av befolkningen i samma ålder",
                    "Persons aged 18–24 not in education, % of total population of same age",
                    "PROS", "Prosenttia", 7.8, 1.6, 0.075, 1),
            new Indicator(9003, "Pitkäaikaisesti toimeentulotukea saaneet 25–64-vuotiaat, % vastaavan ikäisestä väestöstä",
                    "Personer i åldern 25–64 som fått utkomststöd långvarigt, % av befolkningen i samma ålder",
                    "Long-term recipients of social assistance aged 25–64, % of population of same age",
                    "PROS", "Prosenttia", 2.1, 0.7, 0.5, 1));
    /** Mortality 65+ (322), real metadata; synthetic values around its national level. */
    private static final Indicator MORTALITY_65 = new Indicator(322, "", "", "", "PER100000", "", 3900, 300, 0.2, 0);
    /** The area whose mortality 65+ is high and rising steadily: the attention list's sample case. */
    private static final String RISING = "10";
    private static final Indicator MORTALITY = new Indicator(186, "", "", "", "PER100000", "", 1100, 120, -1, 1);
    private static final int COUNTRY = 658;

    private final Path reference;
    private final Path out;
    private final SplittableRandom random;
    private final Map<String, double[]> population;
    private final ObjectMapper json = new ObjectMapper();
    /** Area code → {new id, old id (0 for none)}. */
    private final Map<String, int[]> ids = new LinkedHashMap<>();
    private final Map<String, String> names = new LinkedHashMap<>();

    /** The Sotkanet files; none at national scale. */
    public static void sample(SampleContext c) {
        if (!c.national()) {
            new IndicatorSamples(c.reference(), c.out(), c.random(), c.areaPopulation()).write();
        }
    }

    public IndicatorSamples(Path reference, Path out, SplittableRandom random, Map<String, double[]> population) {
        this.reference = reference;
        this.out = out.resolve("indicators");
        this.random = random;
        this.population = population;
    }

    public void write() {
        List<String> table = SampleFiles.lines(reference.resolve("sotkanet_hyvinvointialueet.csv"));
        for (String line : table.subList(1, table.size())) {
            String[] f = line.split(",", -1);
            String code = String.format("%02d", Integer.parseInt(f[3]));
            ids.put(code, new int[]{Integer.parseInt(f[1]), f[2].isEmpty() ? 0 : Integer.parseInt(f[2])});
            names.put(code, f[0]);
        }
        writeRegions();
        writeMetadata();
        writeData();
    }

    private void writeRegions() {
        ArrayNode regions = json.createArrayNode();
        region(regions, COUNTRY, "SSS", "MAA", "Koko maa", "Hela landet", "Whole country");
        ids.forEach((code, id) -> {
            region(regions, id[0], String.valueOf(Integer.parseInt(code)), "HYVINVOINTIALUE", names.get(code),
                    names.get(code), names.get(code));
            if (id[1] != 0) {
                region(regions, id[1], String.valueOf(Integer.parseInt(code)), "HYVINVOINTIALUE", names.get(code),
                        names.get(code), names.get(code));
            }
        });
        // A few regions of other categories: their rows stay out of the comparison tables.
        region(regions, 1001, "091", "KUNTA", "Helsinki", "Helsingfors", "Helsinki");
        region(regions, 1002, "837", "KUNTA", "Tampere", "Tammerfors", "Tampere");
        region(regions, 1003, "536", "KUNTA", "Nokia", "Nokia", "Nokia");
        region(regions, 1101, "06", "MAAKUNTA", "Pirkanmaa", "Birkaland", "Pirkanmaa");
        region(regions, 1201, "HUS", "SAIRAANHOITOPIIRI", "HUS", "HUS", "HUS");
        writeJson(out.resolve("regions.json"), regions);
    }

    private void region(ArrayNode regions, int id, String code, String category, String fi, String sv, String en) {
        ObjectNode r = regions.addObject();
        r.put("id", id);
        r.put("code", code);
        r.put("category", category);
        ObjectNode title = r.putObject("title");
        title.put("fi", fi);
        title.put("sv", sv);
        title.put("en", en);
        r.put("uri", "http://meta.thl.fi/codes/sotkanet/region/" + id);
    }

    private void writeMetadata() {
        JsonNode real;
        try {
            real = json.readTree(reference.resolve("sotkanet_indicator_metadata_example_186_322_5527.json").toFile())
                    .get("indicators");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String id : List.of("186", "322")) {
            writeJson(out.resolve("metadata").resolve(id + ".json"), real.get(id));
        }
        for (Indicator i : HYTE) {
            ObjectNode m = json.createObjectNode();
            m.put("id", i.id());
            m.put("data-updated", "2026-04-28");
            m.putObject("range").put("start", 2010).put("end", 2025);
            lang(m.putObject("title"), i.fi(), i.sv(), i.en());
            lang(m.putObject("description"), "Näyte-indikaattori tilannekuvan esimerkkiaineistoa varten. " + i.fi() + ".",
                    "Exempelindikator för tilannekuvas exempeldata. " + i.sv() + ".",
                    "Sample indicator for tilannekuva's sample data. " + i.en() + ".");
            lang(m.putObject("interpretation"), "", "", "");
            lang(m.putObject("limits"), "", "", "");
            ObjectNode unit = m.putObject("primaryValueType");
            unit.put("code", i.unitCode());
            lang(unit.putObject("title"), i.unitFi(), i.unitCode().equals("PROS") ? "Procent" : "Per tiotusen i samma ålder",
                    i.unitCode().equals("PROS") ? "Percent" : "Per 10 000 persons of same age");
            m.put("decimals", i.decimals());
            ObjectNode org = m.putObject("organization");
            org.put("id", 2);
            lang(org.putObject("title"), "Terveyden ja hyvinvoinnin laitos (THL)",
                    "Institutet för hälsa och välfärd (THL)", "Finnish institute for Health and Welfare (THL)");
            writeJson(out.resolve("metadata").resolve(i.id() + ".json"), m);
        }
    }

    private static void lang(ObjectNode node, String fi, String sv, String en) {
        node.put("fi", fi);
        node.put("sv", sv);
        node.put("en", en);
    }

    private void writeData() {
        List<Indicator> followed = new ArrayList<>(HYTE);
        followed.add(MORTALITY_65);
        ArrayNode early = json.createArrayNode();
        List<String> csv = new ArrayList<>(List.of("indicator;region;year;gender;primary value;absolute value"));
        for (Indicator ind : followed) {
            Map<String, Double> level = new LinkedHashMap<>();
            ids.keySet().forEach(code -> level.put(code, ind.national() + ind.spread() * (random.nextDouble() * 2 - 1)));
            for (int year = 2021; year <= 2025; year++) {
                for (String gender : List.of("total", "male", "female")) {
                    double factor = gender.equals("total") ? 1 : gender.equals("male") ? 1.08 : 0.92;
                    double countrySum = 0;
                    double populationSum = 0;
                    for (Map.Entry<String, int[]> e : ids.entrySet()) {
                        String code = e.getKey();
                        int region = year >= 2024 ? e.getValue()[0] : e.getValue()[1];
                        if (region == 0) {
                            continue;  // Åland has no old id: no figures before 2024
                        }
                        double drift = ind == MORTALITY_65 && code.equals(RISING)
                                ? 1.08 + 0.04 * (year - 2023) : 1 + 0.01 * (year - 2023);
                        double value = round(level.get(code) * drift * factor
                                * (1 + 0.03 * (random.nextDouble() * 2 - 1)), ind.decimals());
                        Long abs = absolute(ind, code, value, gender);
                        // Åland's hip fractures are a small count: the pipeline must withhold them.
                        if (ind.id() == 9001 && code.equals("91")) {
                            abs = 3L;
                        }
                        countrySum += value * population(code, gender);
                        populationSum += population(code, gender);
                        add(early, csv, ind.id(), region, year, gender, value, abs);
                    }
                    double national = round(countrySum / populationSum, ind.decimals());
                    add(early, csv, ind.id(), COUNTRY, year, gender, national,
                            Math.round(national * populationSum * ind.baseShare() / ind.per()));
                }
            }
        }
        // Municipalities and a maakunta of a followed indicator: accepted, never in the comparison tables.
        add(early, csv, 9001, 1002, 2025, "total", 58.4, 120L);
        add(early, csv, 9001, 1003, 2025, "total", 66.0, 21L);
        add(early, csv, 9001, 1101, 2025, "total", 60.2, 310L);
        // The edge cases: an unknown region id and a value that is not a number.
        add(early, csv, 9002, 12345, 2025, "total", 7.1, null);
        csv.add("9003;" + ids.get("08")[0] + ";2025;total;n/a;");
        writeEarlyAndLate(early, csv);
        writeMortality();
        writeRevision();
    }

    /** 2021–2023 (old ids) as a JSON response, 2024–2025 (new ids) as a CSV response. */
    private void add(ArrayNode early, List<String> csv, int indicator, int region, int year, String gender,
                     double value, Long abs) {
        if (year <= 2023) {
            ObjectNode r = early.addObject();
            r.put("indicator", indicator);
            r.put("region", region);
            r.put("year", year);
            r.put("gender", gender);
            r.put("value", value);
            if (abs != null) {
                r.put("absValue", abs);
            }
        } else {
            csv.add(indicator + ";" + region + ";" + year + ";" + gender + ";" + plain(value) + ";"
                    + (abs == null ? "" : abs));
        }
    }

    private void writeEarlyAndLate(ArrayNode early, List<String> csv) {
        writeJson(out.resolve("data").resolve("hyte_2021_2023.json"), early);
        SampleFiles.write(out.resolve("data").resolve("hyte_2024_2025.csv"), String.join("\n", csv) + "\n");
    }

    /** Indicator 186 is loaded but not followed: it stays in silver. */
    private void writeMortality() {
        ArrayNode rows = json.createArrayNode();
        ids.forEach((code, id) -> {
            ObjectNode r = rows.addObject();
            r.put("indicator", 186);
            r.put("region", id[0]);
            r.put("year", 2024);
            r.put("gender", "total");
            r.put("value", round(MORTALITY.national() + MORTALITY.spread() * (random.nextDouble() * 2 - 1), 1));
        });
        writeJson(out.resolve("data").resolve("mortality_186_2024.json"), rows);
    }

    /** A later delivery of 2025 NEET figures for three areas: the later load wins. */
    private void writeRevision() {
        ArrayNode rows = json.createArrayNode();
        for (String code : List.of("08", "12", "19")) {
            ObjectNode r = rows.addObject();
            r.put("indicator", 9002);
            r.put("region", ids.get(code)[0]);
            r.put("year", 2025);
            r.put("gender", "total");
            r.put("value", 9.9);
            r.put("absValue", absolute(HYTE.get(1), code, 9.9, "total"));
        }
        writeJson(out.resolve("data").resolve("hyte_2025_revised.json"), rows);
    }

    /** The count behind a figure, as Sotkanet's absValue: figure × base / per (e.g. 65+ are about a fifth). */
    private Long absolute(Indicator ind, String code, double value, String gender) {
        if (!population.containsKey(code)) {
            return null;
        }
        return Math.round(value * population(code, gender) * ind.baseShare() / ind.per());
    }

    private double population(String code, String gender) {
        double total = population.getOrDefault(code, new double[]{30_000, 7_000})[0];
        return gender.equals("total") ? total : total / 2;
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    private static String plain(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    private void writeJson(Path path, JsonNode node) {
        try {
            Files.createDirectories(path.getParent());
            json.writerWithDefaultPrettyPrinter().writeValue(path.toFile(), node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


}
