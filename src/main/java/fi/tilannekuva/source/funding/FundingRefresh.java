package fi.tilannekuva.source.funding;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.gold.ComparisonMeasures;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.gold.Denominators;
import fi.tilannekuva.gold.GoldStage;
import fi.tilannekuva.input.InputException;
import fi.tilannekuva.method.FundingCalculation;
import fi.tilannekuva.method.NeedCoefficients;
import fi.tilannekuva.method.NeedsStandardisedCosts;
import fi.tilannekuva.source.SourceLoader;
import fi.tilannekuva.source.population.PopulationSource;
import fi.tilannekuva.warehouse.Cells;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.Slice;
import fi.tilannekuva.warehouse.TableSchema;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;

/**
 * The funding part of a refresh: every year of the funding sources in silver is recomputed — need coefficients,
 * calculated funding, needs-standardised costs — and written to its gold table and to {@code comparison}.
 */
public final class FundingRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(FundingRefresh.class);
    private static final Pattern YEAR_OF_FILE = Pattern.compile("need_factors_(\\d{4})\\.csv$");

    private final GoldStage stage;
    private final SparkSession spark;
    private final Warehouse warehouse;
    private final AppConfig config;
    private final RunContext run;
    private final List<String> funded;

    public FundingRefresh(GoldStage stage) {
        this.stage = stage;
        this.spark = stage.spark;
        this.warehouse = stage.warehouse;
        this.config = stage.config;
        this.run = stage.run;
        this.funded = config.catalogue().areas().stream().filter(Area::funded).map(Area::code).toList();
    }

    public void run() {
        Optional<Dataset<Row>> modelTable = warehouse.readIfExists(Layer.SILVER, FundingSources.NEED_MODEL);
        Optional<Dataset<Row>> factorsTable = warehouse.readIfExists(Layer.SILVER, FundingSources.NEED_FACTORS);
        // The model, factors and population are thousands of rows: collected once, computed in plain Java.
        // In a stable order, so that sums over them are the same to the last digit in every run.
        List<NeedCoefficients.ModelTerm> model = modelTable.map(m -> Cells.collectInOrder(m.select("year", "row",
                        "beta_health", "beta_social", "beta_elderly", "is_intercept")).stream()
                .map(r -> new NeedCoefficients.ModelTerm(r.getInt(0), r.getInt(1), Cells.doubleOrNull(r, 2),
                        Cells.doubleOrNull(r, 3), Cells.doubleOrNull(r, 4), r.getBoolean(5))).toList()).orElse(List.of());
        failOnFactorsWithoutModel(model.stream().map(NeedCoefficients.ModelTerm::year).collect(Collectors.toSet()));
        if (modelTable.isEmpty() || factorsTable.isEmpty()) {
            LOG.info("no need model and factors loaded: no funding figures");
            return;
        }
        List<NeedCoefficients.FactorShare> factors = Cells.collectInOrder(factorsTable.get()
                .select("year", "row", "area_code", "value")).stream().map(r -> new NeedCoefficients.FactorShare(r.getInt(0), r.getInt(1),
                        r.getString(2), Cells.doubleOrNull(r, 3))).toList();
        List<String> misfits = NeedCoefficients.misfits(model, factors);
        if (!misfits.isEmpty()) {
            throw new InputException(String.join("; ", misfits));
        }
        Optional<List<NeedCoefficients.Residents>> residents = warehouse.readIfExists(Layer.SILVER, PopulationSource.TABLE)
                .map(p -> Cells.collectInOrder(p.where(col("level").notEqual("country"))
                        .select("year", "area_code", "age_group", "population")).stream().map(r -> new NeedCoefficients.Residents(r.getInt(0), r.getString(1),
                                r.getString(2), Cells.longOf(r, 3))).toList());
        List<NeedCoefficients.Coefficients> coefficients = NeedCoefficients.coefficients(model, factors,
                residents.orElse(List.of()), funded, config.sources().funding());
        write(FundingTables.NEED_COEFFICIENTS_SCHEMA, FundingTables.NEED_COEFFICIENTS, coefficients.stream()
                .map(c -> FundingTables.NEED_COEFFICIENTS_SCHEMA.row().set("year", c.year()).set("area_code", c.area())
                        .set("need_health", c.needHealth()).set("need_social", c.needSocial())
                        .set("need_elderly", c.needElderly()).set("share_65_plus", c.share65())
                        .set("health", c.health()).set("social", c.social()).set("elderly", c.elderly())
                        .set("total", c.total())
                        .set("note", c.elderly() != null ? null : "no population_<year>.csv for the year's share of "
                                + "residents aged 65 or more: elderly and total need it")
                        .set("run_id", run.runId()).build()).toList());
        stage.coefficientsWritten(coefficients.stream()
                .map(c -> new ComparisonMeasures.Coefficient(c.year(), c.area(), c.health(), c.total())).toList());

        // Residents per year and area, the country being every area's sum.
        Map<Integer, Map<String, Long>> totals = new TreeMap<>();
        residents.ifPresent(rs -> rs.forEach(r -> {
            Map<String, Long> ofYear = totals.computeIfAbsent(r.year(), y -> new HashMap<>());
            ofYear.merge(r.area(), r.population(), Long::sum);
            ofYear.merge(Area.COUNTRY, r.population(), Long::sum);
        }));
        List<Row> comparison = new ArrayList<>();
        coefficients.stream().filter(c -> c.total() != null).forEach(c -> comparison.add(comparisonRow(c.year(),
                c.area(), "need_coefficient_total", null, null, c.total(), null)));
        allocate(coefficients, totals).forEach(a -> {
            if (FundingCalculation.TOTAL.equals(a.getAs("criterion"))) {
                comparison.add(comparisonRow(a.getAs("funding_year"), a.getAs("area_code"), "funding_per_resident",
                        a.getAs("amount_eur"), a.<Long>getAs("population"), a.getAs("amount_per_resident_eur"),
                        a.getAs("population_year")));
            }
        });
        costs(coefficients, totals).forEach(c -> {
            if (NeedsStandardisedCosts.SOCIAL_AND_HEALTH.equals(c.getAs("sector"))) {
                comparison.add(comparisonRow(c.getAs("year"), c.getAs("area_code"), "cost_per_resident",
                        c.getAs("net_operating_cost_eur"), c.<Long>getAs("population"), c.getAs("cost_per_resident_eur"),
                        c.getAs("population_year")));
            }
        });
        stage.addComparison(FundingTables.SOURCE, Slice.where("source", FundingTables.SOURCE),
                ComparisonTable.BASE.frame(spark, everyArea(comparison)));
    }


    /**
     * A factor file whose year has no need model at all cannot give coefficients: its rows are in the quarantine
     * (rule in-model), and the run fails on every refresh until the model arrives, not only on the first.
     */
    private void failOnFactorsWithoutModel(Set<Integer> modelYears) {
        Optional<Dataset<Row>> quarantine = warehouse.readIfExists(Layer.SILVER, SourceLoader.QUARANTINE);
        if (quarantine.isEmpty()) {
            return;
        }
        List<String> files = quarantine.get().where(col("source").equalTo(FundingSources.NEED_FACTORS)
                        .and(array_contains(col("failed_rules"), "in-model")))
                .select("source_file").distinct().orderBy("source_file").collectAsList()
                .stream().map(r -> r.getString(0)).toList();
        for (String file : files) {
            Matcher m = YEAR_OF_FILE.matcher(file);
            if (m.find() && !modelYears.contains(Integer.parseInt(m.group(1)))) {
                throw new InputException(file + ": there is no need model of " + m.group(1) + " (funding/need_model_"
                        + m.group(1) + ".csv), so its factor shares are quarantined and give no coefficients");
            }
        }
    }

    private List<Row> allocate(List<NeedCoefficients.Coefficients> coefficients, Map<Integer, Map<String, Long>> totals) {
        Optional<Dataset<Row>> criteriaTable = warehouse.readIfExists(Layer.SILVER, FundingSources.CRITERIA);
        if (criteriaTable.isEmpty()) {
            return List.of();
        }
        List<Row> criteria = Cells.collectInOrder(criteriaTable.get()
                .select("year", "criterion", "share_percent", "national_total_eur"));
        Optional<List<Row>> bases = warehouse.readIfExists(Layer.SILVER, FundingSources.BASES)
                .map(b -> Cells.collectInOrder(b.select("year", "area_code", "criterion", "base", "coefficient")));
        List<Row> official = warehouse.readIfExists(Layer.SILVER, FundingSources.OFFICIAL)
                .map(o -> Cells.collectInOrder(o.select("year", "area_code", "criterion", "amount_eur"))).orElse(List.of());
        List<Row> out = new ArrayList<>();
        for (int year : new TreeSet<>(criteria.stream().map(r -> r.getInt(0)).toList())) {
            List<Integer> years = config.sources().funding().coefficientYearsFor(year);
            List<NeedCoefficients.Coefficients> used = coefficients.stream()
                    .filter(c -> years.contains(c.year()) && funded.contains(c.area())).toList();
            List<Integer> present = new TreeSet<>(used.stream().filter(c -> c.total() != null)
                    .map(NeedCoefficients.Coefficients::year).toList()).stream().toList();
            if (!present.containsAll(years) || totals.isEmpty() || bases.isEmpty()) {
                warn("calculated funding of " + year + " is not computed: it needs the need coefficients of " + years
                        + " (have " + present + "), funding_bases_" + year + ".csv and a population file");
                continue;
            }
            Denominators.Choice pop = Denominators.choose(year, new TreeSet<>(totals.keySet()),
                    new AppConfig.PopulationRule(config.sources().funding().populationYearOffset(), true));
            if (pop.isFallback()) {
                warn("calculated funding of " + year + " uses the population of " + pop.year() + ": population_"
                        + pop.wanted() + ".csv is missing");
            }
            // The mean of the years' coefficients per area (a year without one does not count).
            Map<String, Map<String, Double>> mean = new LinkedHashMap<>();
            for (String kind : List.of("health", "social", "elderly")) {
                Map<String, double[]> sums = new LinkedHashMap<>();
                used.forEach(c -> {
                    double[] s = sums.computeIfAbsent(c.area(), a -> new double[2]);
                    if (c.of(kind) != null) {
                        s[0] += c.of(kind);
                        s[1]++;
                    }
                });
                sums.forEach((area, s) -> mean.computeIfAbsent(area, a -> new HashMap<>()).put(kind, s[1] == 0 ? null : s[0] / s[1]));
            }
            Map<String, Long> population = new LinkedHashMap<>();
            funded.forEach(a -> {
                Long n = totals.get(pop.year()).get(a);
                if (n != null) {
                    population.put(a, n);
                }
            });
            List<FundingCalculation.Cell> allocation = FundingCalculation.allocate(
                    criteria.stream().filter(r -> r.getInt(0) == year).map(r -> new FundingCalculation.Criterion(
                            r.getString(1), r.getDouble(2), r.getDouble(3))).toList(),
                    bases.get().stream().filter(r -> r.getInt(0) == year).map(r -> new FundingCalculation.Base(
                            r.getString(1), r.getString(2), Cells.doubleOrNull(r, 3), Cells.doubleOrNull(r, 4))).toList(),
                    mean, population, config.sources().funding().needCriteria());
            List<FundingCalculation.Cell> withTotals = new ArrayList<>(allocation);
            withTotals.addAll(FundingCalculation.totals(allocation));
            Map<String, Double> officialOfYear = new HashMap<>();
            official.stream().filter(r -> r.getInt(0) == year)
                    .forEach(r -> officialOfYear.put(r.getString(1) + "|" + r.getString(2), Cells.doubleOrNull(r, 3)));
            String coefficientYears = years.stream().map(String::valueOf).collect(Collectors.joining(","));
            for (FundingCalculation.Cell c : FundingCalculation.reconcile(withTotals, officialOfYear,
                    config.sources().funding().toleranceEur())) {
                out.add(FundingTables.allocationRow(c, year, coefficientYears, pop.year(), run.runId()));
            }
        }
        if (!out.isEmpty()) {
            write(FundingTables.ALLOCATION_SCHEMA, FundingTables.ALLOCATION, out);
        }
        return out;
    }

    private List<Row> costs(List<NeedCoefficients.Coefficients> coefficients, Map<Integer, Map<String, Long>> totals) {
        Optional<Dataset<Row>> costsTable = warehouse.readIfExists(Layer.SILVER, FundingSources.COSTS);
        if (costsTable.isEmpty()) {
            return List.of();
        }
        List<Row> costs = Cells.collectInOrder(costsTable.get().select("year", "area_code", "sector", "net_operating_cost_eur"));
        TreeSet<Integer> coefficientYears = new TreeSet<>(coefficients.stream().filter(c -> c.total() != null)
                .map(NeedCoefficients.Coefficients::year).toList());
        List<Row> out = new ArrayList<>();
        for (int year : new TreeSet<>(costs.stream().map(r -> r.getInt(0)).toList())) {
            Integer coefficientYear = coefficientYears.floor(year);
            if (coefficientYear == null || totals.isEmpty()) {
                warn("needs-standardised costs of " + year + " are not computed: no need coefficients of " + year
                        + " or earlier, or no population file");
                continue;
            }
            if (coefficientYear != year) {
                warn("needs-standardised costs of " + year + " use the need coefficients of " + coefficientYear);
            }
            Denominators.Choice pop = Denominators.choose(year, new TreeSet<>(totals.keySet()),
                    new AppConfig.PopulationRule(config.sources().funding().costPopulationYearOffset(), true));
            Map<String, Map<String, Double>> ofYear = new HashMap<>();
            coefficients.stream().filter(c -> c.year() == coefficientYear).forEach(c -> ofYear.put(c.area(),
                    kinds(c)));
            List<NeedsStandardisedCosts.Result> results = NeedsStandardisedCosts.compute(costs.stream()
                            .filter(r -> r.getInt(0) == year)
                            .map(r -> new NeedsStandardisedCosts.Cost(r.getString(1), r.getString(2), Cells.doubleOrNull(r, 3)))
                            .toList(),
                    totals.get(pop.year()), ofYear, funded);
            for (NeedsStandardisedCosts.Result r : results) {
                out.add(FundingTables.costsRow(r, year, coefficientYear, pop.year(), run.runId()));
            }
        }
        if (!out.isEmpty()) {
            write(FundingTables.COSTS_SCHEMA, FundingTables.COSTS, out);
        }
        return out;
    }

    private static Map<String, Double> kinds(NeedCoefficients.Coefficients c) {
        Map<String, Double> kinds = new HashMap<>();
        for (String kind : List.of("health", "social", "elderly", "total")) {
            kinds.put(kind, c.of(kind));
        }
        return kinds;
    }

    /** A funding figure as a {@code comparison} row ({@link ComparisonTable#BASE}). */
    private Row comparisonRow(int year, String area, String measure, Double numerator, Long denominator, Double value,
                              Integer denominatorYear) {
        return ComparisonTable.BASE.row().set("period", String.valueOf(year)).set("area_code", area)
                .set("measure_id", measure).set("numerator", numerator)
                .set("denominator", denominator == null ? null : denominator.doubleValue()).set("value", value)
                .set("suppressed", false).set(ComparisonTable.PARTIAL, false)
                .set("no_data_reason", value != null ? null
                        : "not computable: an input of the figure (population, coefficient or cost) is missing for the area")
                .set("data_period", String.valueOf(year))
                .set("denominator_period", denominatorYear == null ? null : String.valueOf(denominatorYear))
                .set("source", FundingTables.SOURCE).set("run_id", run.runId()).build();
    }

    /**
     * Every area has a row of every funding measure and year: an area outside the funding act (Åland) says so,
     * a funded area without a figure says that it has none.
     */
    private List<Row> everyArea(List<Row> rows) {
        Map<String, Row> firstOf = new LinkedHashMap<>();
        Set<String> present = new HashSet<>();
        for (Row r : rows) {
            String group = r.getAs("period") + "|" + r.getAs("measure_id");
            // One row per measure and year, whatever the areas' own denominator years.
            Row first = firstOf.get(group);
            if (first == null || (first.getAs("denominator_period") == null && r.getAs("denominator_period") != null)) {
                firstOf.put(group, r);
            }
            present.add(group + "|" + r.getAs("area_code"));
        }
        List<Row> out = new ArrayList<>(rows);
        firstOf.forEach((group, first) -> {
            for (Area area : config.catalogue().areas()) {
                if (present.contains(group + "|" + area.code())) {
                    continue;
                }
                out.add(ComparisonTable.BASE.row().set("period", first.getAs("period")).set("area_code", area.code())
                        .set("measure_id", first.getAs("measure_id")).set("suppressed", false)
                        .set(ComparisonTable.PARTIAL, false)
                        .set("no_data_reason", area.funded() || area.isCountry()
                                ? "no figure for the area in the funding inputs loaded"
                                : "outside the needs-based funding act (Act 617/2021): no funding, cost or need-coefficient figures")
                        .set("data_period", first.getAs("data_period"))
                        .set("denominator_period", first.getAs("denominator_period"))
                        .set("source", FundingTables.SOURCE).set("run_id", run.runId()).build());
            }
        });
        return out;
    }

    /** Yearly funding tables are recomputed whole: every year present in silver. */
    private void write(TableSchema schema, String table, List<Row> rows) {
        stage.write(table, table, schema.frame(spark, rows), Slice.whole());
    }

    private void warn(String message) {
        stage.warn(LOG, message);
    }
}
