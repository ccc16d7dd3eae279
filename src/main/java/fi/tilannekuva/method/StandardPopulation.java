package fi.tilannekuva.method;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard populations of {@link DirectStandardisation}, a weight per stratum over the five-year
 * bands 0-4 … 85+ of both sexes: the national population of the year (the default, so that the country's
 * standardised rate equals its crude rate), or the European Standard Population 2013.
 */
public final class StandardPopulation {

    /** The five-year age bands of the population statistics and of every standardisation, 0-4 … 85+. */
    public static final List<String> AGE_GROUPS = List.of("0-4", "5-9", "10-14", "15-19", "20-24", "25-29",
            "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85+");

    /**
     * Eurostat's European Standard Population 2013 per 100,000, one weight per band and sex (it is the same for
     * men and women); its bands 85-89 (1,500), 90-94 (800) and 95+ (200) make 85+ (2,500).
     */
    static final double[] ESP2013 = {5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000,
            5500, 5000, 4000, 2500, 2500};

    private StandardPopulation() {
    }

    /** The national population as the standard: the country's residents per stratum. */
    public static Map<DirectStandardisation.Stratum, Double> national(Map<DirectStandardisation.Stratum, Long> country) {
        Map<DirectStandardisation.Stratum, Double> weights = new LinkedHashMap<>();
        country.forEach((stratum, n) -> weights.put(stratum, n.doubleValue()));
        return weights;
    }

    public static Map<DirectStandardisation.Stratum, Double> esp2013() {
        Map<DirectStandardisation.Stratum, Double> weights = new LinkedHashMap<>();
        for (int sex = 1; sex <= 2; sex++) {
            for (int i = 0; i < AGE_GROUPS.size(); i++) {
                weights.put(new DirectStandardisation.Stratum(sex, AGE_GROUPS.get(i)), ESP2013[i]);
            }
        }
        return weights;
    }
}
