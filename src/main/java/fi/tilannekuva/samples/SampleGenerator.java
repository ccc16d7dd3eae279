package fi.tilannekuva.samples;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.picture.PictureSources;
import fi.tilannekuva.source.SampleContext;
import fi.tilannekuva.source.SampleFiles;
import fi.tilannekuva.source.population.PopulationSamples;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Makes an input root in the format of docs/INPUTS.md: municipality keys (rows copied from Statistics Finland's
 * keys in {@code --reference}) and synthetic populations sized like the real areas (THL's 2018 table), then each
 * source's sample files, written by the source's own package in the order of {@link PictureSources#SOURCES}. The
 * small sample carries every edge case the rules handle; {@code --scale national} writes contacts only, about 7.5
 * million a quarter, for benchmarks.
 */
public final class SampleGenerator {

    /** What to generate; {@code config}: the areas and THL's weights of the need coefficients, as the pipeline reads them. */
    public record Options(Path reference, Path out, long seed, int contactsPerQuarter, List<Quarter> quarters,
                          boolean national, AppConfig config) {
    }

    private final Options o;
    private final SplittableRandom random;
    private final Map<Integer, List<String[]>> keyRows = new TreeMap<>();
    private final Map<Integer, String> keyHeaders = new TreeMap<>();
    private final Map<String, double[]> areaPopulation = new LinkedHashMap<>();

    public SampleGenerator(Options options) {
        this.o = options;
        this.random = new SplittableRandom(options.seed());
    }

    /** Writes the input root. */
    public void generate() {
        readReference();
        TreeSet<Integer> keyYears = new TreeSet<>();
        TreeSet<Integer> populationYears = new TreeSet<>();
        for (Quarter q : o.quarters()) {
            keyYears.add(q.year());
            keyYears.add(q.year() - 1);
            populationYears.add(q.year() - 1);
        }
        Map<String, List<String[]>> municipalities = chooseMunicipalities(keyYears.first());
        for (int year : keyYears) {
            writeKey(year, municipalities);
        }
        // The population first (every rate's denominator), then each source's samples in the order of the one list
        // of sources: they draw from one random sequence, so a seed gives the same files.
        PopulationSamples population = new PopulationSamples(o.out(), areaPopulation, o.national());
        for (int year : populationYears) {
            population.write(year, municipalities);
        }
        SampleContext context = new SampleContext(o.reference(), o.out(), random, o.quarters(), o.national(),
                o.contactsPerQuarter(), o.config(), areaPopulation, municipalities);
        PictureSources.SOURCES.forEach(source -> source.samples().write(context));
        if (!o.national()) {
            writeReadme();
        }
    }

    // ---- reference -------------------------------------------------------------------------------------

    private void readReference() {
        for (int year = 2000; year <= 2100; year++) {
            Path key = o.reference().resolve("municipality_to_hva_" + year + ".csv");
            if (Files.isRegularFile(key)) {
                List<String> lines = SampleFiles.lines(key);
                keyHeaders.put(year, lines.get(0));
                List<String[]> rows = new ArrayList<>();
                for (String line : lines.subList(1, lines.size())) {
                    rows.add(new String[]{line.split(",", -1)[0], line.split(",", -1)[1],
                            String.format("%02d", Integer.parseInt(line.split(",", -1)[4])), line});
                }
                keyRows.put(year, rows);
            }
        }
        if (keyRows.isEmpty()) {
            throw new IllegalArgumentException(o.reference() + ": no municipality_to_hva_<YYYY>.csv keys");
        }
        Path thl = o.reference().resolve("thl_tarvekertoimet_hva_2018.csv");
        for (String line : SampleFiles.lines(thl).subList(1, SampleFiles.lines(thl).size())) {
            String[] f = line.split(",", -1);
            if (!"SSS".equals(f[1])) {
                areaPopulation.put(f[1], new double[]{Double.parseDouble(f[3]), Double.parseDouble(f[4])});
            }
        }
        // Åland is outside THL's need tables; its size from Statistics Finland's 2018 figures, rounded.
        areaPopulation.putIfAbsent("91", new double[]{29_800, 6_900});
    }

    private int keyYearFor(int year) {
        Integer y = ((TreeMap<Integer, List<String[]>>) keyRows).floorKey(year);
        return y == null ? ((TreeMap<Integer, List<String[]>>) keyRows).firstKey() : y;
    }

    /** Per area, the municipalities contacts come from: all of them at national scale, three in the sample. */
    private Map<String, List<String[]>> chooseMunicipalities(int year) {
        Map<String, List<String[]>> byArea = new TreeMap<>();
        for (String[] r : keyRows.get(keyYearFor(year))) {
            byArea.computeIfAbsent(r[2], k -> new ArrayList<>()).add(r);
        }
        if (o.national()) {
            return byArea;
        }
        Map<String, List<String[]>> chosen = new TreeMap<>();
        byArea.forEach((area, rows) -> {
            List<String[]> pick = new ArrayList<>();
            for (String[] r : rows) {
                boolean must = r[0].equals("588") || r[0].equals("507") || r[0].equals("478");
                if (must || pick.size() < 2) {
                    pick.add(r);
                }
            }
            chosen.put(area, pick);
        });
        return chosen;
    }

    private void writeKey(int year, Map<String, List<String[]>> municipalities) {
        int source = keyYearFor(year);
        List<String> out = new ArrayList<>();
        out.add(keyHeaders.get(source));
        TreeSet<String> wanted = new TreeSet<>();
        municipalities.values().forEach(l -> l.forEach(r -> wanted.add(r[0])));
        for (String[] r : keyRows.get(source)) {
            if (wanted.contains(r[0])) {
                out.add(r[3]);
            }
        }
        SampleFiles.write(o.out().resolve("reference/municipalities_" + year + ".csv"), out, StandardCharsets.UTF_8);
    }

    // ---- files -----------------------------------------------------------------------------------------

    private void writeReadme() {
        List<String> text = List.of(
                "# data-samples",
                "",
                "A small input root in the format of the input contract, written by",
                "`jobs/tilannekuva generate-samples` (seed " + o.seed() + ", " + o.contactsPerQuarter()
                        + " contacts per quarter, quarters " + o.quarters() + "). Do not edit by hand: regenerate.",
                "",
                "- `reference/municipalities_<YYYY>.csv`: rows of Statistics Finland's municipality keys (the",
                "  municipalities this sample uses), Statistics Finland, CC BY 4.0.",
                "- `reference/population_<YYYY>.csv`: synthetic populations sized like the areas' 2018 populations in",
                "  THL's need-coefficient tables (THL, CC BY 4.0); Etelä-Savo (12) is given by municipality.",
                "- `visits/avohilmo_<YYYYMM>.csv` and `_toimenpide.csv`: synthetic Avohilmo contacts; no real person.",
                "  The middle month is latin-1 encoded. Contact ids 900000001-900000012 in the first month are the",
                "  edge cases: an exact duplicate, a cancelled booking, another visitor group, an impossible date,",
                "  an unknown municipality (999), a missing id, a row with too few fields, Pertunmaa (588, merged",
                "  into Mäntyharju in 2025), a code recorded twice and in lower case, a client who moved between",
                "  areas, and a contact of the previous quarter; a procedure row without a code, and a population",
                "  row of an unknown area (99).",
                "- `funding/need_model_<YYYY>.csv`, `need_factors_<YYYY>.csv`: THL's real need model and factor shares",
                "  of the years the funding year's coefficients come from (THL, CC BY 4.0).",
                "- `funding/funding_<YYYY>.csv`: the criteria's shares of the funding act in 2025 (Act 617/2021 as",
                "  amended by 391/2025) of 25 billion euros; `funding_bases_<YYYY>.csv` and `costs_<YYYY>.csv` are",
                "  synthetic, sized like the areas.",
                "- `indicators/regions.json`: the counties' real Sotkanet region ids, new and old (THL, CC BY 4.0),",
                "  the country (658), and a few municipalities and other regions with sample ids.",
                "- `indicators/metadata/186.json`, `322.json`: THL's real Sotkanet metadata (THL, CC BY 4.0);",
                "  `9001.json`-`9003.json`: three HYTE outcome indicators (hip fractures 65+, NEET 18-24, long-term",
                "  social assistance 25-64) in the same format with sample ids.",
                "- `indicators/data/`: synthetic values: 2021-2023 as a JSON response under the old region ids,",
                "  2024-2025 as a CSV response under the new ids, indicator 186 (loaded, not followed), and a",
                "  later delivery revising three areas' 2025 NEET figures. Edge cases: municipality and maakunta",
                "  rows, an unknown region id (12345), a value that is not a number, Åland's hip fractures as a",
                "  small count (3, withheld).",
                "- `traffic/`: a synthetic tray registry (four own trays; Lapland launches after the quarter,",
                "  Central Ostrobothnia is piloting, Kainuu sends no data, Åland has no tray), Tarmoa's monthly",
                "  exports of 2025Q3-Q4 (South Karelia misses a month; an unknown area name and a negative count),",
                "  the own trays' daily analytics (Helsinki's have a row whose date is not a date), and the",
                "  usefulness survey of both quarters; 2025Q4's is latin-1, has an answer that is not one of the",
                "  five, and North Savo's answers are 19 / 34 / 21 / 9 / 29 (n = 112).");
        SampleFiles.write(o.out().resolve("README.md"), text, StandardCharsets.UTF_8);
    }
}
