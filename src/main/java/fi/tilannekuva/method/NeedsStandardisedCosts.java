package fi.tilannekuva.method;

import fi.tilannekuva.config.Area;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Needs-standardised expenditure (tarvevakioidut menot, METHODS.md §4): {@code cost_pc = net operating cost /
 * population}, {@code index = 100 · cost_pc(area) / cost_pc(SSS)}, and for the sectors the need coefficients
 * describe {@code needs_adjusted_index = index / coefficient(area)}: health by the health-care coefficient, social by
 * the social-welfare one, elderly by the elderly-care one, and their sum ({@value #SOCIAL_AND_HEALTH}) by the total
 * coefficient. Rescue services, other costs and the sum of every sector ({@value #TOTAL}) are shown as they are,
 * indexed but not needs-adjusted. The country is the sum of the funded areas and is 100 on every index.
 */
public final class NeedsStandardisedCosts {

    /** Every sector, rescue and other included: shown as it is. */
    public static final String TOTAL = "total";
    /** Health, social and elderly care: the costs the need coefficients describe. */
    public static final String SOCIAL_AND_HEALTH = "social_and_health";
    /** The sectors in {@link #SOCIAL_AND_HEALTH}, each with the coefficient column that adjusts it. */
    public static final Map<String, String> ADJUSTED = Map.of("health", "health", "social", "social",
            "elderly", "elderly", SOCIAL_AND_HEALTH, "total");

    /** An area's net operating cost of a sector. */
    public record Cost(String area, String sector, Double eur) {
    }

    /** A sector's cost of an area (or the country), per resident, indexed and, where it applies, needs-adjusted. */
    public record Result(String area, String sector, Double netOperatingCostEur, Long population,
                         Double costPerResidentEur, Double index, Double needCoefficient, Double needsAdjustedIndex) {
    }

    private NeedsStandardisedCosts() {
    }

    /**
     * @param costs        the costs of one year (country rows are ignored)
     * @param population   residents per area
     * @param coefficients area → coefficient kind ({@code health, social, elderly, total}) → need coefficient
     * @param funded       the funded areas: the country's cost and population are their sums
     * @return the sectors, {@code social_and_health} and {@code total} of every funded area with residents, and the
     *         country's
     */
    public static List<Result> compute(List<Cost> costs, Map<String, Long> population,
                                       Map<String, Map<String, Double>> coefficients, List<String> funded) {
        Set<String> fundedAreas = Set.copyOf(funded);
        Map<String, Map<String, Double>> bySector = new LinkedHashMap<>();
        for (Cost c : costs) {
            if (!fundedAreas.contains(c.area())) {
                continue;
            }
            Map<String, Double> of = bySector.computeIfAbsent(c.area(), a -> new LinkedHashMap<>());
            add(of, c.sector(), c.eur());
            if (ADJUSTED.containsKey(c.sector()) && !SOCIAL_AND_HEALTH.equals(c.sector())) {
                add(of, SOCIAL_AND_HEALTH, c.eur());
            }
            add(of, TOTAL, c.eur());
        }
        List<Result> areas = new ArrayList<>();
        Map<String, Double> countryCost = new LinkedHashMap<>();
        Map<String, Long> countryPopulation = new LinkedHashMap<>();
        bySector.forEach((area, sectors) -> {
            Long n = population.get(area);
            if (n == null) {
                return;
            }
            sectors.forEach((sector, eur) -> {
                areas.add(new Result(area, sector, eur, n, null, null, null, null));
                add(countryCost, sector, eur);
                countryPopulation.merge(sector, n, Long::sum);
            });
        });
        List<Result> all = new ArrayList<>(areas);
        countryCost.forEach((sector, eur) -> all.add(new Result(Area.COUNTRY, sector, eur,
                countryPopulation.get(sector), null, null, null, null)));
        Map<String, Double> national = new LinkedHashMap<>();
        for (Result r : all) {
            if (Area.COUNTRY.equals(r.area())) {
                Double pc = perResident(r);
                national.put(r.sector(), pc == null ? Double.NaN : pc);
            }
        }
        List<Result> out = new ArrayList<>();
        for (Result r : all) {
            Double pc = perResident(r);
            Double nat = national.get(r.sector());
            Double index = pc == null || nat == null || nat.isNaN() || nat == 0 ? null : ComparisonIndex.of(pc, nat);
            String kind = ADJUSTED.get(r.sector());
            Map<String, Double> ofArea = coefficients.get(r.area());
            Double coefficient = kind == null || ofArea == null ? null : ofArea.get(kind);
            Double adjusted = index == null || coefficient == null || coefficient == 0 ? null
                    : ComparisonIndex.needsAdjusted(index, coefficient);
            out.add(new Result(r.area(), r.sector(), r.netOperatingCostEur(), r.population(), pc, index, coefficient,
                    adjusted));
        }
        return out;
    }

    private static Double perResident(Result r) {
        return r.netOperatingCostEur() == null || r.population() == null || r.population() == 0 ? null
                : r.netOperatingCostEur() / r.population();
    }

    /** Adds {@code term} to the sum under {@code key}; a key with only missing terms stays, with a missing sum. */
    private static void add(Map<String, Double> sums, String key, Double term) {
        sums.put(key, SqlArithmetic.plus(sums.get(key), term));
    }
}
