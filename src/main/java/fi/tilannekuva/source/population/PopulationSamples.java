package fi.tilannekuva.source.population;

import fi.tilannekuva.method.StandardPopulation;
import fi.tilannekuva.source.SampleFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sample's population files: synthetic residents by area, sex and age band, sized like the areas' populations
 * in THL's 2018 need-coefficient table and growing a little each year.
 */
public final class PopulationSamples {

    /** Relative size of the five-year bands under 65 and from 65, roughly Finland's age pyramid. */
    private static final double[] UNDER_65 = {0.85, 0.95, 1.0, 1.0, 1.05, 1.1, 1.15, 1.15, 1.1, 1.0, 1.05, 1.1, 1.15};
    private static final double[] FROM_65 = {1.0, 1.05, 0.8, 0.5, 0.4};

    private final Path root;
    private final Map<String, double[]> areaPopulation;
    private final boolean national;

    /** @param areaPopulation per area, its residents and those aged 65 or more in 2018 */
    public PopulationSamples(Path root, Map<String, double[]> areaPopulation, boolean national) {
        this.root = root;
        this.areaPopulation = areaPopulation;
        this.national = national;
    }

    /**
     * Writes {@code reference/population_<year>.csv}: each area's residents by sex and five-year band, grown from
     * THL's 2018 sizes; in the sample one area (Etelä-Savo) is given by municipality and one row names an unknown
     * area.
     */
    public void write(int year, Map<String, List<String[]>> municipalities) {
        List<String> out = new ArrayList<>();
        out.add("area_code,sex,age_group,population");
        for (Map.Entry<String, double[]> e : areaPopulation.entrySet()) {
            String area = e.getKey();
            double total = e.getValue()[0] * (1 + 0.002 * (year - 2018));
            double old = e.getValue()[1] * (1 + 0.02 * (year - 2018));
            long[][] bands = bands(total, old);
            List<String[]> munis = municipalities.getOrDefault(area, List.of());
            // One area given by municipality, to show the roll-up through the key of the same year.
            boolean byMunicipality = !national && "12".equals(area) && munis.size() > 1;
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
        if (!national) {
            out.add("99,1,0-4,120");
        }
        SampleFiles.write(root.resolve("reference/population_" + year + ".csv"), out, StandardCharsets.UTF_8);
    }

    /** Residents by sex and band, summing to {@code total} with {@code old} aged 65 or more. */
    public static long[][] bands(double total, double old) {
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
}
