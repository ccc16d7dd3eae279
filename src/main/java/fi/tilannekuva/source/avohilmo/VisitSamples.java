package fi.tilannekuva.source.avohilmo;

import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.source.SampleContext;
import fi.tilannekuva.source.SampleFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The sample's Avohilmo extracts: synthetic contacts of synthetic clients (no real person) with procedure codes,
 * the areas weighted by their populations; the small sample carries every edge case the visit rules handle.
 */
public final class VisitSamples {

    private static final String CONTACT_HEADER = "AVOHILMO_ID;TNRO;ASIAKAS_KOTIKUNTA;ASIAKAS_IKA;ASIAKAS_SUKUPUOLI;"
            + "PALVELUNTUOTTAJA;KAYNTI_PALVELUMUOTO;KAYNTI_YHTEYSTAPA;KAYNTI_AMMATTILUOKKA;KAYNTI_KAVIJARYHMA;"
            + "KAYNTI_ALKOI;PERUUTUS_AJANKOHTA";
    private static final String[] FOLLOWED = {"OAB61", "OAB62", "OAB63", "OAB64"};
    private static final double[] FOLLOWED_WEIGHTS = {0.10, 0.15, 0.50, 0.25};
    private static final String[] OTHER_CODES = {"SPAT1006", "SPAT1330", "OAA02", "OAB10", "WX110", "SPAT1050"};
    private static final String[] MODES = {"R10", "R10", "R10", "R10", "R10", "R52", "R52", "R56", "R20", "R71"};
    private static final String[] SERVICES = {"T11", "T11", "T11", "T21", "T22", "T23", "T40", "T51", "T60", "T71"};
    private static final String[] PROFESSIONS = {"221", "2221", "3221", "2264", "2634"};
    private final Path root;
    private final SplittableRandom random;
    private final Map<String, double[]> areaPopulation;
    private final boolean national;
    private final int contactsPerQuarter;
    private long nextContactId = 100_000_001L;

    /**
     * @param random         the generator's one random sequence, shared with the other sources' samples
     * @param areaPopulation per area, its residents and those aged 65 or more in 2018 (the contacts' weights)
     */
    public VisitSamples(Path root, SplittableRandom random, Map<String, double[]> areaPopulation, boolean national,
                        int contactsPerQuarter) {
        this.root = root;
        this.random = random;
        this.areaPopulation = areaPopulation;
        this.national = national;
        this.contactsPerQuarter = contactsPerQuarter;
    }

    private record Client(String tnro, String municipality, String municipalityName, String area, int age, int sex) {
    }

    /** Every quarter's contacts; the first quarter of the small sample with the edge cases. */
    public static void sample(SampleContext c) {
        VisitSamples visits = new VisitSamples(c.out(), c.random(), c.areaPopulation(), c.national(),
                c.contactsPerQuarter());
        boolean first = true;
        for (Quarter q : c.quarters()) {
            visits.write(q, c.municipalities(), first && !c.national());
            first = false;
        }
    }

    /**
     * Writes the three months of {@code q}: contacts ({@code avohilmo_<YYYYMM>.csv}, the middle month latin-1) and
     * their procedures, from clients of {@code municipalities}; with {@code edgeCases}, the first month also holds
     * one row of each case the rules handle. Returns the contact rows written.
     */
    public long write(Quarter q, Map<String, List<String[]>> municipalities, boolean edgeCases) {
        List<String> areas = new ArrayList<>(municipalities.keySet());
        double[] weights = areas.stream().mapToDouble(a -> areaPopulation.getOrDefault(a, new double[]{1000, 0})[0])
                .toArray();
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        Map<String, List<Client>> pools = new TreeMap<>();
        // The sample over-represents guided contacts so that a thousand contacts give figures in every area.
        double oabShare = national ? 0.04 : 0.5;
        long written = 0;
        for (int m = 0; m < 3; m++) {
            YearMonth month = YearMonth.of(q.year(), (q.quarter() - 1) * 3 + 1 + m);
            String stem = String.format("visits/avohilmo_%d%02d", month.getYear(), month.getMonthValue());
            // The middle month arrives in latin-1, as register extracts still do.
            Charset cs = m == 1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
            int n = contactsPerQuarter / 3 + (m < contactsPerQuarter % 3 ? 1 : 0);
            try (BufferedWriter contacts = SampleFiles.writer(root.resolve(stem + ".csv"), cs);
                 BufferedWriter procedures = SampleFiles.writer(root.resolve(stem + "_toimenpide.csv"), StandardCharsets.UTF_8)) {
                contacts.write(CONTACT_HEADER + "\n");
                procedures.write("AVOHILMO_ID;JARJESTYS;TOIMENPIDE\n");
                for (int i = 0; i < n; i++) {
                    String area = areas.get(SampleFiles.pick(random, weights, sum));
                    Client c = client(pools, area, municipalities.get(area));
                    String id = String.valueOf(nextContactId++);
                    boolean cancelled = random.nextDouble() < 0.04;
                    int group = random.nextDouble() < 0.05 ? 2 + random.nextInt(2) : 1;
                    String started = time(month);
                    contacts.write(contactLine(id, c, started, group, cancelled ? started : "") + "\n");
                    written++;
                    int seq = 1;
                    if (random.nextDouble() < oabShare) {
                        procedures.write(id + ";" + seq++ + ";" + FOLLOWED[SampleFiles.pick(random, FOLLOWED_WEIGHTS, 1.0)] + "\n");
                        if (random.nextDouble() < 0.1) {
                            procedures.write(id + ";" + seq++ + ";" + FOLLOWED[SampleFiles.pick(random, FOLLOWED_WEIGHTS, 1.0)] + "\n");
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

}
