package fi.tilannekuva.method;

import fi.tilannekuva.config.Area;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static fi.tilannekuva.method.SqlArithmetic.divide;
import static fi.tilannekuva.method.SqlArithmetic.plus;
import static fi.tilannekuva.method.SqlArithmetic.times;

/**
 * The calculated funding of a funding year (laskennallinen rahoitus, METHODS.md §5). For criterion k with share
 * {@code share_k} of the national total {@code T}: {@code unit_price_k = share_k · T / Σ_funded base_k · coefficient_k}
 * and {@code amount_k(area) = unit_price_k · base_k(area) · coefficient_k(area)}, so that each criterion distributes
 * exactly its share. For the three need criteria the base is the population and the coefficient the area's need
 * coefficient re-normalised to a population-weighted mean of 1 over the funded areas. Beside the unit price it
 * publishes the act's per-resident basic price {@code basic_price_k = share_k · T / population(funded)} and the
 * area's relative coefficient {@code (base_k · coefficient_k / population)(area) / (the same, funded areas)}, so that
 * {@code amount = basic_price · population · relative_coefficient} reconciles with the Ministry of Finance's figures
 * (for the population and need criteria the two prices are equal).
 */
public final class FundingCalculation {

    /** TOTAL: the criterion of an area's (and the country's) sum over its criteria. */
    public static final String TOTAL = "total";

    /** A funding criterion of the year: its share of the national funding. */
    public record Criterion(String criterion, double sharePercent, double nationalTotalEur) {
    }

    /** An area's base and coefficient of a criterion that is not need-based. */
    public record Base(String area, String criterion, Double base, Double coefficient) {
    }

    /**
     * One area's figures of one criterion (or of {@link #TOTAL}), with the official amount and the reconciliation
     * once {@link #reconcile}d.
     */
    public record Cell(String area, String criterion, Double sharePercent, Double nationalTotalEur,
                       Double criterionTotalEur, Double base, Double coefficientRaw, Double coefficient,
                       Double unitPriceEur, Double basicPriceEur, Double relativeCoefficient, Double amountEur,
                       Long population, Double amountPerResidentEur, Double officialAmountEur, Double differenceEur,
                       String reconciliation) {
    }

    private FundingCalculation() {
    }

    /** An area's base and coefficient of a criterion, need-based or not: what the criterion distributes by. */
    private record Share(String area, String criterion, Double base, Double coefficientRaw, Double coefficient) {
    }

    /**
     * @param criteria     the criteria of the funding year
     * @param bases        the bases of the criteria that are not need-based
     * @param coefficients area → coefficient kind ({@code health, social, elderly}) → the need coefficient the year
     *                     uses (funded areas)
     * @param population   the funded areas' residents
     * @param needCriteria need criterion → coefficient kind ({@code need_health → health}, …)
     * @return one cell per area and criterion
     */
    public static List<Cell> allocate(List<Criterion> criteria, List<Base> bases,
                                      Map<String, Map<String, Double>> coefficients, Map<String, Long> population,
                                      Map<String, String> needCriteria) {
        List<Share> shares = new ArrayList<>();
        for (Map.Entry<String, String> e : needCriteria.entrySet()) {
            Map<String, Double> raw = new LinkedHashMap<>();
            Double residents = null;
            Double weighted = null;
            for (Map.Entry<String, Map<String, Double>> c : coefficients.entrySet()) {
                Long n = population.get(c.getKey());
                if (n != null) {
                    raw.put(c.getKey(), c.getValue().get(e.getValue()));
                    residents = plus(residents, n.doubleValue());
                    weighted = plus(weighted, times(n.doubleValue(), c.getValue().get(e.getValue())));
                }
            }
            // Re-normalised so that the population-weighted mean over the funded areas is 1.
            for (Map.Entry<String, Double> r : raw.entrySet()) {
                double base = population.get(r.getKey()).doubleValue();
                shares.add(new Share(r.getKey(), e.getKey(), base, r.getValue(),
                        divide(times(r.getValue(), residents), weighted)));
            }
        }
        for (Base b : bases) {
            if (!needCriteria.containsKey(b.criterion())) {
                shares.add(new Share(b.area(), b.criterion(), b.base(), null, b.coefficient()));
            }
        }
        Map<String, Criterion> criterionOf = new HashMap<>();
        criteria.forEach(c -> criterionOf.put(c.criterion(), c));
        Map<String, Double> weightedBase = new HashMap<>();
        Map<String, Double> residents = new HashMap<>();
        for (Share c : shares) {
            if (criterionOf.containsKey(c.criterion())) {
                weightedBase.put(c.criterion(), plus(weightedBase.get(c.criterion()), times(c.base(), c.coefficient())));
                Long n = population.get(c.area());
                if (n != null) {
                    residents.merge(c.criterion(), n.doubleValue(), Double::sum);
                }
            }
        }
        List<Cell> out = new ArrayList<>();
        for (Share c : shares) {
            Criterion k = criterionOf.get(c.criterion());
            Long n = population.get(c.area());
            if (k == null || n == null) {
                continue;
            }
            double criterionTotal = k.sharePercent() / 100 * k.nationalTotalEur();
            Double weighted = weightedBase.get(k.criterion());
            Double unitPrice = divide(criterionTotal, weighted);
            Double amount = times(times(unitPrice, c.base()), c.coefficient());
            Double perCriterionResidents = residents.get(k.criterion());
            out.add(new Cell(c.area(), k.criterion(), k.sharePercent(), k.nationalTotalEur(), criterionTotal, c.base(),
                    c.coefficientRaw(), c.coefficient(), unitPrice, divide(criterionTotal, perCriterionResidents),
                    divide(divide(times(c.base(), c.coefficient()), n.doubleValue()), divide(weighted, perCriterionResidents)),
                    amount, n, divide(amount, n.doubleValue()), null, null, null));
        }
        return out;
    }

    /**
     * Each area's total over its criteria, as a cell with criterion {@link #TOTAL}, and the country's (SSS): the
     * funded areas' amounts and residents summed.
     */
    public static List<Cell> totals(List<Cell> allocation) {
        Map<String, Double> amounts = new LinkedHashMap<>();
        Map<String, Long> populations = new LinkedHashMap<>();
        for (Cell c : allocation) {
            String key = c.area() + "|" + c.population();
            amounts.put(key, plus(amounts.get(key), c.amountEur()));
            populations.put(key, c.population());
        }
        List<Cell> out = new ArrayList<>();
        Double countryAmount = null;
        Long countryPopulation = null;
        for (Map.Entry<String, Double> e : amounts.entrySet()) {
            Long population = populations.get(e.getKey());
            out.add(total(e.getKey().substring(0, e.getKey().indexOf('|')), e.getValue(), population));
            countryAmount = plus(countryAmount, e.getValue());
            countryPopulation = plus(countryPopulation, population);
        }
        out.add(total(Area.COUNTRY, countryAmount, countryPopulation));
        return out;
    }

    private static Cell total(String area, Double amount, Long population) {
        return new Cell(area, TOTAL, null, null, null, null, null, null, null, null, null, amount, population,
                divide(amount, population == null ? null : population.doubleValue()), null, null, null);
    }

    /**
     * The difference from the official calculation ({@code area|criterion} → amount) where one is given:
     * {@code reconciled} within {@code toleranceEur}, {@code differs}, or {@code no official figure}.
     */
    public static List<Cell> reconcile(List<Cell> allocation, Map<String, Double> official, double toleranceEur) {
        List<Cell> out = new ArrayList<>();
        for (Cell c : allocation) {
            Double o = official.get(c.area() + "|" + c.criterion());
            Double difference = o == null || c.amountEur() == null ? null : c.amountEur() - o;
            String reconciliation = o == null ? "no official figure"
                    : difference != null && Math.abs(difference) <= toleranceEur ? "reconciled" : "differs";
            out.add(new Cell(c.area(), c.criterion(), c.sharePercent(), c.nationalTotalEur(), c.criterionTotalEur(),
                    c.base(), c.coefficientRaw(), c.coefficient(), c.unitPriceEur(), c.basicPriceEur(),
                    c.relativeCoefficient(), c.amountEur(), c.population(), c.amountPerResidentEur(), o, difference,
                    reconciliation));
        }
        return out;
    }
}
