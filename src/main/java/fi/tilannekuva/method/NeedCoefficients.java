package fi.tilannekuva.method;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static fi.tilannekuva.method.SqlArithmetic.divide;
import static fi.tilannekuva.method.SqlArithmetic.plus;

/**
 * THL's need coefficients (tarvekertoimet), METHODS.md §4. For sector s (health, social, elderly):
 * {@code need_s(area) = β_s0 + Σ_i β_si · x_i(area)} (β from the need model, the intercept being the
 * {@code Vakiotermi} row; x the factor shares; a factor missing from a sector's model contributes nothing);
 * {@code health = need_health(area) / need_health(SSS)}, social likewise,
 * {@code elderly = need_elderly(area) / need_elderly(SSS) · share65(area) / share65(SSS)} (the elderly model is per
 * resident aged 65 or more), and {@code total = w_h · health + w_s · social + w_e · elderly}.
 */
public final class NeedCoefficients {

    private static final List<String> OLD_BANDS = StandardPopulation.AGE_GROUPS.subList(13, 18);

    /** A row of THL's need model: a factor's (or the intercept's) coefficient per sector; null: not in that model. */
    public record ModelTerm(int year, int row, Double health, Double social, Double elderly, boolean intercept) {
    }

    /** A factor's share in an area (need_factors). */
    public record FactorShare(int year, int row, String area, Double value) {
    }

    /** Residents of an age group in an area. */
    public record Residents(int year, String area, String ageGroup, long population) {
    }

    /** Needs per resident of an area and year, the share aged 65 or more and the coefficients (the country's are 1). */
    public record Coefficients(int year, String area, Double needHealth, Double needSocial, Double needElderly,
                               Double share65, Double health, Double social, Double elderly, Double total) {
        /** The coefficient named as in the tables: health, social, elderly or total. */
        public Double of(String kind) {
            return switch (kind) {
                case "health" -> health;
                case "social" -> social;
                case "elderly" -> elderly;
                case "total" -> total;
                default -> throw new IllegalArgumentException("no need coefficient " + kind);
            };
        }
    }

    private NeedCoefficients() {
    }

    private static double orZero(Double d) {
        return d == null ? 0.0 : d;
    }

    /**
     * The coefficients of every year and area of the factors whose year has the country's needs.
     *
     * @param residents the population by area and age group (no country rows); elderly and total are null for a
     *                  year or area without it
     * @param funded    the funded areas: the country's share aged 65 or more is theirs
     */
    public static List<Coefficients> coefficients(List<ModelTerm> model, List<FactorShare> factors,
                                                  List<Residents> residents, List<String> funded,
                                                  AppConfig.FundingSettings w) {
        Map<String, Double[]> needs = needs(model, factors);
        Map<String, Double> share65 = share65(residents, funded);
        List<Coefficients> out = new ArrayList<>();
        needs.forEach((key, need) -> {
            int year = Integer.parseInt(key.substring(0, key.indexOf('|')));
            String area = key.substring(key.indexOf('|') + 1);
            Double[] nat = needs.get(year + "|" + Area.COUNTRY);
            if (nat == null) {
                return;
            }
            Double share = share65.get(year + "|" + area);
            Double health = divide(need[0], nat[0]);
            Double social = divide(need[1], nat[1]);
            Double elderlyNeed = divide(need[2], nat[2]);
            Double elderly = divide(elderlyNeed == null || share == null ? null : elderlyNeed * share,
                    share65.get(year + "|" + Area.COUNTRY));
            Double total = health == null || social == null || elderly == null ? null
                    : w.healthWeight() * health + w.socialWeight() * social + w.elderlyWeight() * elderly;
            out.add(new Coefficients(year, area, need[0], need[1], need[2], share, health, social, elderly, total));
        });
        return out;
    }

    /**
     * Needs per year and area ({@code year|area} → health, social, elderly): the intercept plus each factor's
     * coefficient times its share; a factor missing from a sector's model contributes nothing.
     */
    static Map<String, Double[]> needs(List<ModelTerm> model, List<FactorShare> factors) {
        Map<String, ModelTerm> terms = new HashMap<>();
        Map<Integer, double[]> intercepts = new HashMap<>();
        for (ModelTerm t : model) {
            if (t.intercept()) {
                double[] i = intercepts.computeIfAbsent(t.year(), y -> new double[3]);
                i[0] += orZero(t.health());
                i[1] += orZero(t.social());
                i[2] += orZero(t.elderly());
            } else {
                terms.put(t.year() + "|" + t.row(), t);
            }
        }
        Map<String, Double[]> slopes = new LinkedHashMap<>();
        for (FactorShare f : factors) {
            ModelTerm t = terms.get(f.year() + "|" + f.row());
            if (t == null) {
                continue;
            }
            Double[] s = slopes.computeIfAbsent(f.year() + "|" + f.area(), k -> new Double[3]);
            Double x = f.value();
            s[0] = plus(s[0], x == null ? null : orZero(t.health()) * x);
            s[1] = plus(s[1], x == null ? null : orZero(t.social()) * x);
            s[2] = plus(s[2], x == null ? null : orZero(t.elderly()) * x);
        }
        Map<String, Double[]> out = new LinkedHashMap<>();
        slopes.forEach((key, s) -> {
            double[] i = intercepts.getOrDefault(Integer.parseInt(key.substring(0, key.indexOf('|'))), new double[3]);
            out.put(key, new Double[]{s[0] == null ? null : s[0] + i[0], s[1] == null ? null : s[1] + i[1],
                    s[2] == null ? null : s[2] + i[2]});
        });
        return out;
    }

    /**
     * The share of residents aged 65 or more per {@code year|area}; the country's over {@code funded} areas (the
     * need model's country).
     */
    static Map<String, Double> share65(List<Residents> residents, List<String> funded) {
        Map<String, long[]> counts = new HashMap<>();
        Set<String> fundedAreas = Set.copyOf(funded);
        for (Residents r : residents) {
            if (Area.COUNTRY.equals(r.area())) {
                continue;
            }
            long old = OLD_BANDS.contains(r.ageGroup()) ? r.population() : 0;
            List<String> keys = fundedAreas.contains(r.area())
                    ? List.of(r.year() + "|" + r.area(), r.year() + "|" + Area.COUNTRY) : List.of(r.year() + "|" + r.area());
            for (String key : keys) {
                long[] c = counts.computeIfAbsent(key, k -> new long[2]);
                c[0] += old;
                c[1] += r.population();
            }
        }
        Map<String, Double> out = new HashMap<>();
        counts.forEach((key, c) -> out.put(key, c[1] == 0 ? null : (double) c[0] / (double) c[1]));
        return out;
    }

    /**
     * Where a year's model and factors do not fit together: every model row must have a factor share for every
     * area of that year, the country included. Returns one message per year that does not fit, naming the rows.
     */
    public static List<String> misfits(List<ModelTerm> model, List<FactorShare> factors) {
        Map<Integer, Set<String>> areas = new TreeMap<>();
        Set<String> shares = new java.util.HashSet<>();
        for (FactorShare f : factors) {
            areas.computeIfAbsent(f.year(), y -> new TreeSet<>()).add(f.area());
            shares.add(f.year() + "|" + f.row() + "|" + f.area());
        }
        model.forEach(t -> areas.computeIfAbsent(t.year(), y -> new TreeSet<>()).add(Area.COUNTRY));
        Map<Integer, TreeSet<Integer>> missingRows = new TreeMap<>();
        Map<Integer, TreeSet<String>> missingAreas = new TreeMap<>();
        for (ModelTerm t : model) {
            if (t.intercept()) {
                continue;
            }
            for (String area : areas.get(t.year())) {
                if (!shares.contains(t.year() + "|" + t.row() + "|" + area)) {
                    missingRows.computeIfAbsent(t.year(), y -> new TreeSet<>()).add(t.row());
                    missingAreas.computeIfAbsent(t.year(), y -> new TreeSet<>()).add(area);
                }
            }
        }
        List<String> out = new ArrayList<>();
        missingRows.forEach((year, rows) -> out.add("need model and factors of " + year + " do not fit: rows "
                + rows.stream().limit(10).map(String::valueOf).collect(Collectors.joining(", "))
                + (rows.size() > 10 ? " (" + rows.size() + " rows)" : "")
                + " of need_model_" + year + ".csv have no share in need_factors_" + year
                + ".csv for areas " + String.join(", ", missingAreas.get(year))));
        return out;
    }
}
