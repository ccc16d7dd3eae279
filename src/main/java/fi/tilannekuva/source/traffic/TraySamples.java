package fi.tilannekuva.source.traffic;

import fi.tilannekuva.config.Area;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.source.SampleContext;
import fi.tilannekuva.source.SampleFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the sample's {@code traffic/}: the tray registry (most areas on the national Tarmoa tray, four on their
 * own; Lapland launches after the quarter, Central Ostrobothnia is piloting, Kainuu sends nothing, Åland has no
 * tray), Tarmoa's monthly exports, the own trays' daily analytics, and the usefulness survey of the last two
 * quarters — the last one latin-1 encoded, with North Savo's answers 19 / 34 / 21 / 9 / 29 (n = 112).
 */
public final class TraySamples {

    public static final List<String> OWN = List.of("05", "08", "19", "90");
    public static final String LATE = "21";
    public static final String PILOTING = "18";
    public static final String SILENT = "20";
    public static final String HAND_CHECKED = "13";
    public static final int[] HAND_CHECKED_ANSWERS = {19, 34, 21, 9, 29};
    public static final String[] ANSWERS = {"Erittäin hyödyllistä", "Hyödyllistä", "En osaa sanoa", "Ei kovin hyödyllistä",
            "Ei lainkaan hyödyllistä"};
    public static final String[] GROUPS = {"Asukas", "Hyvinvointialueen työntekijä", "Järjestön tai yhdistyksen edustaja",
            "Kunnan työntekijä", "Muu"};
    private static final double[] GROUP_WEIGHTS = {0.62, 0.2, 0.08, 0.06, 0.04};

    private final Path out;
    private final SplittableRandom random;
    private final Map<String, double[]> population;
    /** Area code → the Finnish name Tarmoa uses for it. */
    private final Map<String, String> tarmoaNames;
    private final List<Quarter> quarters;

    public TraySamples(Path out, SplittableRandom random, Map<String, double[]> population, Map<String, String> tarmoaNames,
                List<Quarter> quarters) {
        this.out = out.resolve("traffic");
        this.random = random;
        this.population = population;
        this.tarmoaNames = tarmoaNames;
        this.quarters = quarters;
    }

    /** The tray registry, traffic and survey files; none at national scale. */
    public static void sample(SampleContext c) {
        if (!c.national()) {
            new TraySamples(c.out(), c.random(), c.areaPopulation(), tarmoaNames(c.config().catalogue().areas()),
                    c.quarters()).write();
        }
    }

    /**
     * The Finnish names Tarmoa's export uses: mostly the short name (Pirkanmaa), for two areas the full name, as
     * exports are not consistent about it.
     */
    private static Map<String, String> tarmoaNames(List<Area> areas) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Area a : areas) {
            if (!a.isCountry()) {
                names.put(a.code(), List.of("09", "16").contains(a.code()) ? a.nameFi() : a.shortNames().get(0));
            }
        }
        return names;
    }

    public static String trayId(String area) {
        return "tray-" + area;
    }

    public void write() {
        Quarter last = quarters.get(quarters.size() - 1);
        List<Quarter> surveyed = List.of(last.previous(), last);
        List<String> registry = new ArrayList<>(List.of("tray_id,area_code,platform,launched_on"));
        Map<String, String> platform = new LinkedHashMap<>();
        for (String area : tarmoaNames.keySet()) {
            if (area.equals("91") || area.equals(Area.COUNTRY)) {
                continue;
            }
            String p = OWN.contains(area) ? "own" : "tarmoa";
            String launched = area.equals(LATE) ? last.lastDay().plusDays(15).toString()
                    : area.equals(PILOTING) ? "" : "2025-0" + (1 + random.nextInt(6)) + "-01";
            registry.add(trayId(area) + "," + area + "," + p + "," + launched);
            if (!area.equals(LATE) && !area.equals(PILOTING) && !area.equals(SILENT)) {
                platform.put(area, p);
            }
        }
        SampleFiles.write(out.resolve("trays.csv"), registry, StandardCharsets.UTF_8);
        for (Quarter q : surveyed) {
            for (int m = 0; m < 3; m++) {
                YearMonth month = YearMonth.from(q.firstDay()).plusMonths(m);
                writeTarmoa(month, platform, q.equals(last) && m == 1);
                for (Map.Entry<String, String> e : platform.entrySet()) {
                    if (e.getValue().equals("own")) {
                        writeAnalytics(e.getKey(), month);
                    }
                }
            }
            writeSurvey(q, platform, q.equals(last));
        }
    }

    /**
     * One month of Tarmoa: areas by Finnish name (short or full). In the middle month of the last quarter South
     * Karelia is missing (a partial quarter), and two rows are malformed (an unknown name, a negative count).
     */
    private void writeTarmoa(YearMonth month, Map<String, String> platform, boolean withEdgeCases) {
        List<String> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : platform.entrySet()) {
            if (!e.getValue().equals("tarmoa") || (withEdgeCases && e.getKey().equals("11"))) {
                continue;
            }
            long visits = visits(e.getKey());
            rows.add("    {\"area\": \"" + tarmoaNames.get(e.getKey()) + "\", \"front_page_visits\": " + visits
                    + ", \"page_loads\": " + Math.round(visits * (2.5 + random.nextDouble()))
                    + ", \"wellbeing_surveys\": " + Math.round(visits * 0.02 * random.nextDouble()) + "}");
        }
        if (withEdgeCases) {
            rows.add("    {\"area\": \"Tuntematon alue\", \"front_page_visits\": 10, \"page_loads\": 20, \"wellbeing_surveys\": 0}");
            rows.add("    {\"area\": \"Kymenlaakso\", \"front_page_visits\": -5, \"page_loads\": 20, \"wellbeing_surveys\": 0}");
        }
        String json = "{\n  \"month\": \"" + month + "\",\n  \"areas\": [\n" + String.join(",\n", rows) + "\n  ]\n}\n";
        SampleFiles.write(out.resolve("tarmoa_" + month.toString().replace("-", "") + ".json"), List.of(json.strip()),
                StandardCharsets.UTF_8);
    }

    private long visits(String area) {
        double residents = population.getOrDefault(area, new double[]{30_000})[0];
        return Math.round(residents / 1000 * (9 + 6 * random.nextDouble()) / 3);
    }

    /** Daily analytics of an own tray; the first file of Helsinki's has a row whose date is not a date. */
    private void writeAnalytics(String area, YearMonth month) {
        List<String> rows = new ArrayList<>(List.of("date,page,visits,pageviews"));
        double perDay = visits(area) / (double) month.lengthOfMonth();
        for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
            long front = Math.round(perDay * (0.7 + 0.6 * random.nextDouble()));
            rows.add(d + ",/," + front + "," + Math.round(front * 1.3));
            rows.add(d + ",/palvelut," + Math.round(front * 0.6) + "," + Math.round(front * 1.4));
            rows.add(d + ",/hyvinvointikysely," + Math.round(front * 0.1) + "," + Math.round(front * 0.15));
        }
        if (area.equals("90") && month.getMonthValue() % 3 == 1) {
            rows.add("32." + month.getMonthValue() + "." + month.getYear() + ",/,12,15");
        }
        SampleFiles.write(out.resolve("regional").resolve(trayId(area) + "_" + month.toString().replace("-", "") + ".csv"), rows,
                StandardCharsets.UTF_8);
    }

    /**
     * Answer counts per tray × respondent group × answer (small groups give counts of 1-4, which are withheld).
     * North Savo's answers add up to 19 / 34 / 21 / 9 / 29. The last quarter's file is latin-1 and has an answer
     * that is not one of the five.
     */
    private void writeSurvey(Quarter q, Map<String, String> platform, boolean last) {
        List<String> rows = new ArrayList<>(List.of("tray_id,respondent_group,answer,count"));
        for (String area : platform.keySet()) {
            int[] answers = area.equals(HAND_CHECKED) ? HAND_CHECKED_ANSWERS : randomAnswers(area);
            for (int a = 0; a < ANSWERS.length; a++) {
                int[] byGroup = split(answers[a]);
                for (int g = 0; g < GROUPS.length; g++) {
                    if (byGroup[g] > 0) {
                        rows.add(trayId(area) + "," + GROUPS[g] + "," + ANSWERS[a] + "," + byGroup[g]);
                    }
                }
            }
        }
        if (last) {
            rows.add(trayId("07") + ",Asukas,Melko hyödyllistä,3");
        }
        SampleFiles.write(out.resolve("ux_survey_" + q + ".csv"), rows, last ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private int[] randomAnswers(String area) {
        double size = population.getOrDefault(area, new double[]{30_000})[0] / 4000;
        double[] shares = {0.18, 0.31, 0.19, 0.12, 0.20};
        int[] out = new int[shares.length];
        for (int i = 0; i < shares.length; i++) {
            out[i] = (int) Math.round(size * shares[i] * (0.6 + 0.8 * random.nextDouble()));
        }
        return out;
    }

    /** A count spread over the respondent groups, all of it in some group. */
    private int[] split(int count) {
        int[] out = new int[GROUPS.length];
        for (int i = 0; i < count; i++) {
            double r = random.nextDouble();
            int g = 0;
            double cumulative = GROUP_WEIGHTS[0];
            while (r > cumulative && g < GROUPS.length - 1) {
                g++;
                cumulative += GROUP_WEIGHTS[g];
            }
            out[g]++;
        }
        return out;
    }

}
