package fi.tilannekuva.samples;

import fi.tilannekuva.source.sotkanet.IndicatorSamples;
import fi.tilannekuva.source.traffic.TraySamples;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.method.StandardPopulation;
import fi.tilannekuva.period.Quarter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Makes an input root in the format of INPUTS.md: municipality keys (rows copied from Statistics Finland's
 * keys in {@code --reference}), synthetic populations sized like the real areas (THL's 2018 table), and
 * Avohilmo contacts with procedure codes. The small sample carries every edge case the visits rules handle;
 * {@code --scale national} writes a quarter of about 7.5 million contacts for benchmarks.
 */
public final class SampleGenerator {

    /** What to generate. */
    /** {@code config}: the areas and THL's weights of the need coefficients, as the pipeline reads them. */
    public record Options(Path reference, Path out, long seed, int contactsPerQuarter, List<Quarter> quarters,
                          boolean national, AppConfig config) {
    }

    private static final String CONTACT_HEADER = "AVOHILMO_ID;TNRO;ASIAKAS_KOTIKUNTA;ASIAKAS_IKA;ASIAKAS_SUKUPUOLI;"
            + "PALVELUNTUOTTAJA;KAYNTI_PALVELUMUOTO;KAYNTI_YHTEYSTAPA;KAYNTI_AMMATTILUOKKA;KAYNTI_KAVIJARYHMA;"
            + "KAYNTI_ALKOI;PERUUTUS_AJANKOHTA";
    private static final String[] FOLLOWED = {"OAB61", "OAB62", "OAB63", "OAB64"};
    private static final double[] FOLLOWED_WEIGHTS = {0.10, 0.15, 0.50, 0.25};
    private static final String[] OTHER_CODES = {"SPAT1006", "SPAT1330", "OAA02", "OAB10", "WX110", "SPAT1050"};
    private static final String[] MODES = {"R10", "R10", "R10", "R10", "R10", "R52", "R52", "R56", "R20", "R71"};
    private static final String[] SERVICES = {"T11", "T11", "T11", "T21", "T22", "T23", "T40", "T51", "T60", "T71"};
    private static final String[] PROFESSIONS = {"221", "2221", "3221", "2264", "2634"};
    /** Relative size of the five-year bands under 65 and from 65, roughly Finland's age pyramid. */
    private static final double[] UNDER_65 = {0.85, 0.95, 1.0, 1.0, 1.05, 1.1, 1.15, 1.15, 1.1, 1.0, 1.05, 1.1, 1.15};
    private static final double[] FROM_65 = {1.0, 1.05, 0.8, 0.5, 0.4};

    private final Options o;
    private final SplittableRandom random;
    private final Map<Integer, List<String[]>> keyRows = new TreeMap<>();
    private final Map<Integer, String> keyHeaders = new TreeMap<>();
    private final Map<String, double[]> areaPopulation = new LinkedHashMap<>();
    private long nextContactId = 100_000_001L;

    public SampleGenerator(Options options) {
        this.o = options;
        this.random = new SplittableRandom(options.seed());
    }

    /** Writes the input root; returns the number of contact rows written. */
    public long generate() {
        readReference();
        long contacts = 0;
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
        for (int year : populationYears) {
            writePopulation(year, municipalities);
        }
        boolean first = true;
        for (Quarter q : o.quarters()) {
            contacts += writeVisits(q, municipalities, first && !o.national());
            first = false;
        }
        if (!o.national()) {
            writeFunding(o.quarters().get(o.quarters().size() - 1).year() + 1, municipalities);
            new IndicatorSamples(o.reference(), o.out(), random, areaPopulation).write();
            new TraySamples(o.out(), random, areaPopulation, tarmoaNames(), o.quarters()).write();
            writeReadme();
        }
        return contacts;
    }

    // ---- reference -------------------------------------------------------------------------------------

    private void readReference() {
        for (int year = 2000; year <= 2100; year++) {
            Path key = o.reference().resolve("municipality_to_hva_" + year + ".csv");
            if (Files.isRegularFile(key)) {
                List<String> lines = lines(key);
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
        for (String line : lines(thl).subList(1, lines(thl).size())) {
            String[] f = line.split(",", -1);
            if (!"SSS".equals(f[1])) {
                areaPopulation.put(f[1], new double[]{Double.parseDouble(f[3]), Double.parseDouble(f[4])});
            }
        }
        // Åland is outside THL's need tables; its size from Statistics Finland's 2018 figures, rounded.
        areaPopulation.putIfAbsent("91", new double[]{29_800, 6_900});
    }

    /**
     * The Finnish names Tarmoa's export uses: mostly the short name (Pirkanmaa), for two areas the full name, as
     * exports are not consistent about it.
     */
    private Map<String, String> tarmoaNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (Area a : o.config().catalogue().areas()) {
            if (!a.isCountry()) {
                names.put(a.code(), List.of("09", "16").contains(a.code()) ? a.nameFi() : a.shortNames().get(0));
            }
        }
        return names;
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
        write(o.out().resolve("reference/municipalities_" + year + ".csv"), out, StandardCharsets.UTF_8);
    }

    // ---- population ------------------------------------------------------------------------------------

    private void writePopulation(int year, Map<String, List<String[]>> municipalities) {
        List<String> out = new ArrayList<>();
        out.add("area_code,sex,age_group,population");
        for (Map.Entry<String, double[]> e : areaPopulation.entrySet()) {
            String area = e.getKey();
            double total = e.getValue()[0] * (1 + 0.002 * (year - 2018));
            double old = e.getValue()[1] * (1 + 0.02 * (year - 2018));
            long[][] bands = bands(total, old);
            List<String[]> munis = municipalities.getOrDefault(area, List.of());
            // One area given by municipality, to show the roll-up through the key of the same year.
            boolean byMunicipality = !o.national() && "12".equals(area) && munis.size() > 1;
            for (int sex = 1; sex <= 2; sex++) {
                for (int b = 0; b < bands[sex - 1].length; b++) {
                    String band = StandardPopulation.AGE_GROUPS.get(b);
                    long n = bands[sex - 1][b];
                    if (byMunicipality) {
                        long rest = n;
                        for (int m = 0; m < munis.size(); m++) {
                            long part = m == munis.size() - 1 ? rest : n / munis.size();
                            rest -= part;
                            out.add(munis.get(m)[0] + "," + sex + "," + band + "," + part);
                        }
                    } else {
                        out.add(area + "," + sex + "," + band + "," + n);
                    }
                }
            }
        }
        if (!o.national()) {
            out.add("99,1,0-4,120");
        }
        write(o.out().resolve("reference/population_" + year + ".csv"), out, StandardCharsets.UTF_8);
    }

    /** Residents by sex and band, summing to {@code total} with {@code old} aged 65 or more. */
    static long[][] bands(double total, double old) {
        long[][] out = new long[2][18];
        double young = total - old;
        double wy = 0;
        double wo = 0;
        for (double w : UNDER_65) {
            wy += w;
        }
        for (double w : FROM_65) {
            wo += w;
        }
        for (int b = 0; b < 18; b++) {
            double n = b < 13 ? young * UNDER_65[b] / wy : old * FROM_65[b - 13] / wo;
            double maleShare = b < 13 ? 0.51 : 0.45 - 0.02 * (b - 13);
            out[0][b] = Math.round(n * maleShare);
            out[1][b] = Math.round(n * (1 - maleShare));
        }
        return out;
    }

    // ---- visits ----------------------------------------------------------------------------------------

    private record Client(String tnro, String municipality, String municipalityName, String area, int age, int sex) {
    }

    private long writeVisits(Quarter q, Map<String, List<String[]>> municipalities, boolean edgeCases) {
        List<String> areas = new ArrayList<>(municipalities.keySet());
        double[] weights = areas.stream().mapToDouble(a -> areaPopulation.getOrDefault(a, new double[]{1000, 0})[0])
                .toArray();
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        Map<String, List<Client>> pools = new TreeMap<>();
        // The sample over-represents guided contacts so that a thousand contacts give figures in every area.
        double oabShare = o.national() ? 0.04 : 0.5;
        long written = 0;
        for (int m = 0; m < 3; m++) {
            YearMonth month = YearMonth.of(q.year(), (q.quarter() - 1) * 3 + 1 + m);
            String stem = String.format("visits/avohilmo_%d%02d", month.getYear(), month.getMonthValue());
            // The middle month arrives in latin-1, as register extracts still do.
            Charset cs = m == 1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
            int n = o.contactsPerQuarter() / 3 + (m < o.contactsPerQuarter() % 3 ? 1 : 0);
            try (BufferedWriter contacts = writer(o.out().resolve(stem + ".csv"), cs);
                 BufferedWriter procedures = writer(o.out().resolve(stem + "_toimenpide.csv"), StandardCharsets.UTF_8)) {
                contacts.write(CONTACT_HEADER + "\n");
                procedures.write("AVOHILMO_ID;JARJESTYS;TOIMENPIDE\n");
                for (int i = 0; i < n; i++) {
                    String area = areas.get(pick(weights, sum));
                    Client c = client(pools, area, municipalities.get(area));
                    String id = String.valueOf(nextContactId++);
                    boolean cancelled = random.nextDouble() < 0.04;
                    int group = random.nextDouble() < 0.05 ? 2 + random.nextInt(2) : 1;
                    String started = time(month);
                    contacts.write(contactLine(id, c, started, group, cancelled ? started : "") + "\n");
                    written++;
                    int seq = 1;
                    if (random.nextDouble() < oabShare) {
                        procedures.write(id + ";" + seq++ + ";" + FOLLOWED[pick(FOLLOWED_WEIGHTS, 1.0)] + "\n");
                        if (random.nextDouble() < 0.1) {
                            procedures.write(id + ";" + seq++ + ";" + FOLLOWED[pick(FOLLOWED_WEIGHTS, 1.0)] + "\n");
                        }
                    }
                    int others = random.nextInt(3);
                    for (int k = 0; k < others; k++) {
                        procedures.write(id + ";" + seq++ + ";" + OTHER_CODES[random.nextInt(OTHER_CODES.length)] + "\n");
                    }
                }
                if (edgeCases && m == 0) {
                    written += writeEdgeCases(contacts, procedures, q, pools, municipalities);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return written;
    }

    /**
     * One of each case the visits rules must handle, so a sample run shows them all. Each is listed in
     * data-samples/README.md with what the pipeline does with it.
     */
    private long writeEdgeCases(BufferedWriter contacts, BufferedWriter procedures, Quarter q,
                                Map<String, List<Client>> pools, Map<String, List<String[]>> municipalities)
            throws IOException {
        YearMonth month = YearMonth.of(q.year(), (q.quarter() - 1) * 3 + 1);
        String day = String.format("%02d.%02d.%d", 15, month.getMonthValue(), month.getYear());
        Client any = client(pools, "08", municipalities.get("08"));
        List<String> lines = new ArrayList<>();
        List<String> procs = new ArrayList<>();
        // An exact duplicate row: counted once.
        String dup = contactLine("900000001", any, day + " 09:15", 1, "");
        lines.add(dup);
        lines.add(dup);
        procs.add("900000001;1;OAB63");
        // A cancelled booking and another visitor group's contact carrying a code: not contacts.
        lines.add(contactLine("900000002", any, day + " 10:00", 1, day + " 08:00"));
        procs.add("900000002;1;OAB61");
        lines.add(contactLine("900000003", any, day + " 10:30", 2, ""));
        procs.add("900000003;1;OAB61");
        // Malformed rows: quarantined with a reason.
        lines.add(contactLine("900000004", any, "31.13." + month.getYear() + " 10:00", 1, ""));
        procs.add("900000004;1;OAB62");
        lines.add(contactLine("900000005", new Client(any.tnro(), "999", "", any.area(), any.age(), any.sex()),
                day + " 11:00", 1, ""));
        procs.add("900000005;1;OAB62");
        lines.add(contactLine("", any, day + " 11:30", 1, ""));
        lines.add("900000007;" + any.tnro() + ";" + any.municipality() + ";" + any.age() + ";" + any.sex());
        // Pertunmaa (588) merged into Mäntyharju on 1.1.2025: through the 2024 key to Etelä-Savo (12).
        if (municipalities.getOrDefault("12", List.of()).stream().anyMatch(r -> r[0].equals("588"))) {
            lines.add(contactLine("900000008", new Client("c0ffee0000000588", "588", "Pertunmaa", "12", 71, 2),
                    day + " 12:00", 1, ""));
            procs.add("900000008;1;OAB64");
        }
        // The same code twice on one contact counts once; a lower-case code with spaces is the same code.
        lines.add(contactLine("900000009", any, day + " 12:30", 1, ""));
        procs.add("900000009;1;OAB63");
        procs.add("900000009;2;OAB63");
        procs.add("900000009;3; oab62 ");
        // A client who moved: counted in both areas, once in the country.
        Client mover = client(pools, "19", municipalities.get("19"));
        String[] elsewhere = municipalities.get("21").get(0);
        lines.add(contactLine("900000010", mover, day + " 13:00", 1, ""));
        lines.add(contactLine("900000011", new Client(mover.tnro(), elsewhere[0], elsewhere[1], "21", mover.age(),
                mover.sex()), String.format("%02d.%02d.%d 13:30", 20, month.getMonthValue() + 2, month.getYear()), 1, ""));
        procs.add("900000010;1;OAB63");
        procs.add("900000011;1;OAB63");
        // The quarter comes from KAYNTI_ALKOI, not from the file: this contact is in the previous quarter.
        LocalDate before = q.firstDay().minusDays(1);
        lines.add(contactLine("900000012", any, String.format("%02d.%02d.%d 15:00", before.getDayOfMonth(),
                before.getMonthValue(), before.getYear()), 1, ""));
        procs.add("900000012;1;OAB64");
        // A procedure row without a code: quarantined.
        procs.add("900000010;2;");
        for (String l : lines) {
            contacts.write(l + "\n");
        }
        for (String p : procs) {
            procedures.write(p + "\n");
        }
        return lines.size();
    }

    private Client client(Map<String, List<Client>> pools, String area, List<String[]> municipalities) {
        List<Client> pool = pools.computeIfAbsent(area, k -> new ArrayList<>());
        // About 1.6 contacts per client: reuse a known client 40 % of the time.
        if (!pool.isEmpty() && random.nextDouble() < 0.4) {
            return pool.get(random.nextInt(pool.size()));
        }
        String[] m = municipalities.get(random.nextInt(municipalities.size()));
        int age = random.nextDouble() < 0.3 ? 65 + random.nextInt(30) : random.nextInt(65);
        Client c = new Client(String.format("%016x", random.nextLong()), m[0], m[1], area, age, 1 + random.nextInt(2));
        pool.add(c);
        return c;
    }

    private String contactLine(String id, Client c, String started, int group, String cancelled) {
        return String.join(";", id, c.tnro(), c.municipality(), String.valueOf(c.age()), String.valueOf(c.sex()),
                c.municipalityName().isEmpty() ? "Terveysasema" : "Terveysasema, " + c.municipalityName(),
                SERVICES[random.nextInt(SERVICES.length)], MODES[random.nextInt(MODES.length)],
                PROFESSIONS[random.nextInt(PROFESSIONS.length)], String.valueOf(group), started, cancelled);
    }

    private String time(YearMonth month) {
        int day = 1 + random.nextInt(month.lengthOfMonth());
        return String.format("%02d.%02d.%d %02d:%02d", day, month.getMonthValue(), month.getYear(),
                8 + random.nextInt(8), 5 * random.nextInt(12));
    }

    private int pick(double[] weights, double sum) {
        double r = random.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    // ---- funding --------------------------------------------------------------------------------------

    /**
     * Criterion shares of the funding act in 2025 (Act 617/2021 as amended by 391/2025), the service need split
     * into health, social and elderly care by THL's weights (those of the configuration) and rescue services by their
     * 2022 proportions.
     */
    private Map<String, Double> shares2025() {
        AppConfig.FundingSettings f = o.config().sources().funding();
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("need_health", 78.995 * f.healthWeight());
        shares.put("need_social", 78.995 * f.socialWeight());
        shares.put("need_elderly", 78.995 * f.elderlyWeight());
        shares.put("population", 12.790);
        shares.put("density", 1.456);
        shares.put("foreign_language", 1.942);
        shares.put("bilingual", 0.485);
        shares.put("sami", 0.013);
        shares.put("island", 0.110);
        shares.put("university_hospital", 0.543);
        shares.put("hyte", 1.460);
        shares.put("rescue_population", 2.206 * 1.477 / 2.273);
        shares.put("rescue_density", 2.206 * 0.114 / 2.273);
        shares.put("rescue_risk", 2.206 * 0.682 / 2.273);
        return shares;
    }

    /**
     * The funding inputs of {@code fundingYear}: THL's real need model and factor shares of the two years its
     * coefficients come from (rows copied from the reference files), populations of those years, the criteria
     * with the act's shares of about 25 billion euros, synthetic bases, and synthetic costs of the population year.
     */
    private void writeFunding(int fundingYear, Map<String, List<String[]>> municipalities) {
        List<Integer> needYears = List.of(fundingYear - 4, fundingYear - 3);
        for (String[] f : new String[][]{{"thl_tarvevakiointi_regressiokertoimet_2018_2023.csv", "need_model_"},
                {"thl_tarvevakiointi_muuttujaosuudet_2018_2023_long.csv", "need_factors_"}}) {
            List<String> all = lines(o.reference().resolve(f[0]));
            for (int year : needYears) {
                List<String> out = new ArrayList<>();
                out.add(all.get(0));
                all.stream().skip(1).filter(l -> l.startsWith(year + ",")).forEach(out::add);
                if (out.size() > 1) {
                    write(o.out().resolve("funding/" + f[1] + year + ".csv"), out, StandardCharsets.UTF_8);
                }
            }
        }
        for (int year : needYears) {
            writePopulation(year, municipalities);
        }
        List<String> criteria = new ArrayList<>(List.of("criterion,share_percent,national_total_eur"));
        shares2025().forEach((k, v) -> criteria.add(k + "," + String.format(java.util.Locale.ROOT, "%.4f", v)
                + ",25000000000"));
        write(o.out().resolve("funding/funding_" + fundingYear + ".csv"), criteria, StandardCharsets.UTF_8);

        List<String> bases = new ArrayList<>(List.of("area_code,criterion,base,coefficient"));
        List<String> costs = new ArrayList<>(List.of("area_code,sector,net_operating_cost_eur"));
        for (Map.Entry<String, double[]> e : areaPopulation.entrySet()) {
            String area = e.getKey();
            if (area.equals("91")) {
                continue;
            }
            long pop = Math.round(e.getValue()[0] * (1 + 0.002 * (fundingYear - 2 - 2018)));
            double old = e.getValue()[1] / e.getValue()[0];
            boolean sparse = List.of("14", "20", "21", "12", "18").contains(area);
            double density = sparse ? 1.5 + random.nextDouble() * 2.5 : 0.4 + random.nextDouble() * 0.8;
            bases.add(area + ",population," + pop + ",1");
            bases.add(area + ",density," + pop + "," + round(density));
            double foreign = area.equals("90") ? 0.19 : List.of("01", "02", "03", "04", "05", "08").contains(area) ? 0.1 : 0.04;
            bases.add(area + ",foreign_language," + Math.round(pop * foreign * (0.9 + 0.2 * random.nextDouble())) + ",1");
            double swedish = Map.of("17", 0.49, "01", 0.31, "03", 0.19, "90", 0.06, "05", 0.06, "18", 0.08)
                    .getOrDefault(area, 0.0);
            if (swedish > 0) {
                bases.add(area + ",bilingual," + Math.round(pop * swedish) + ",1");
            }
            if (area.equals("21")) {
                bases.add(area + ",sami,4000,1");
            }
            if (List.of("05", "17", "01", "10").contains(area)) {
                bases.add(area + ",island," + Math.round(pop * 0.01) + ",1");
            }
            if (List.of("90", "05", "08", "13", "19").contains(area)) {
                bases.add(area + ",university_hospital," + pop + ",1");
            }
            bases.add(area + ",hyte," + pop + "," + round(0.9 + 0.2 * random.nextDouble()));
            bases.add(area + ",rescue_population," + pop + ",1");
            bases.add(area + ",rescue_density," + pop + "," + round(density));
            bases.add(area + ",rescue_risk," + pop + "," + round(0.8 + 0.4 * random.nextDouble()));
            // Costs of the population year (two years before the funding year), shaped by the age structure.
            long costPop = Math.round(e.getValue()[0] * (1 + 0.002 * (fundingYear - 2 - 2018)));
            double ageFactor = old / 0.218;
            Map<String, Double> perResident = new LinkedHashMap<>();
            perResident.put("health", 2050.0 * (0.8 + 0.2 * ageFactor));
            perResident.put("social", 930.0);
            perResident.put("elderly", 1250.0 * ageFactor);
            perResident.put("rescue", 85.0 * (sparse ? 1.3 : 1.0));
            perResident.put("other", 310.0);
            perResident.forEach((sector, pc) -> costs.add(area + "," + sector + ","
                    + Math.round(costPop * pc * (0.92 + 0.16 * random.nextDouble()))));
        }
        write(o.out().resolve("funding/funding_bases_" + fundingYear + ".csv"), bases, StandardCharsets.UTF_8);
        write(o.out().resolve("funding/costs_" + (fundingYear - 2) + ".csv"), costs, StandardCharsets.UTF_8);
    }

    private static String round(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
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
        write(o.out().resolve("README.md"), text, StandardCharsets.UTF_8);
    }

    private static BufferedWriter writer(Path path, Charset cs) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.newBufferedWriter(path, cs);
    }

    private static void write(Path path, List<String> lines, Charset cs) {
        try (BufferedWriter w = writer(path, cs)) {
            for (String l : lines) {
                w.write(l + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path path) {
        try {
            return Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
