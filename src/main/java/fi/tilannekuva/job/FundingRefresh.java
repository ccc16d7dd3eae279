package fi.tilannekuva.job;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.gold.FundingTables;
import fi.tilannekuva.input.InputException;
import fi.tilannekuva.method.FundingCalculation;
import fi.tilannekuva.method.NeedCoefficients;
import fi.tilannekuva.method.NeedsStandardisedCosts;
import fi.tilannekuva.source.SourceLoader;
import fi.tilannekuva.source.funding.FundingSources;
import fi.tilannekuva.source.population.Denominators;
import fi.tilannekuva.source.population.PopulationSource;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.Slice;
import fi.tilannekuva.warehouse.TableSchema;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The funding part of a refresh: every year of the funding sources in silver is recomputed — need coefficients,
 * calculated funding, needs-standardised costs — and written to its gold table and to {@code comparison}.
 */
final class FundingRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(FundingRefresh.class);
    private static final Pattern YEAR_OF_FILE = Pattern.compile("need_factors_(\\d{4})\\.csv$");

    private final GoldStage stage;
    private final SparkSession spark;
    private final Warehouse warehouse;
    private final AppConfig config;
    private final RunContext run;
    private final List<String> funded;

    FundingRefresh(GoldStage stage) {
        this.stage = stage;
        this.spark = stage.spark;
        this.warehouse = stage.warehouse;
        this.config = stage.config;
        this.run = stage.run;
        this.funded = config.areas().stream().filter(Area::funded).map(Area::code).toList();
    }

    void run() {
        Optional<Dataset<Row>> model = warehouse.readIfExists(Layer.SILVER, FundingSources.NEED_MODEL);
        Optional<Dataset<Row>> factors = warehouse.readIfExists(Layer.SILVER, FundingSources.NEED_FACTORS);
        failOnFactorsWithoutModel(model);
        if (model.isEmpty() || factors.isEmpty()) {
            LOG.info("no need model and factors loaded: no funding figures");
            return;
        }
        List<String> misfits = NeedCoefficients.misfits(model.get(), factors.get());
        if (!misfits.isEmpty()) {
            throw new InputException(String.join("; ", misfits));
        }
        Optional<Dataset<Row>> population = warehouse.readIfExists(Layer.SILVER, PopulationSource.TABLE)
                .map(p -> p.where(col("level").notEqual("country")));
        Dataset<Row> share65 = population.map(p -> NeedCoefficients.share65(p, funded))
                .orElse(TableSchema.empty(spark, "year INT, area_code STRING, share_65_plus DOUBLE"));
        Dataset<Row> coefficients = NeedCoefficients.coefficients(NeedCoefficients.needs(model.get(), factors.get()),
                        share65, config.funding())
                .withColumn("note", when(col("elderly").isNull(), lit("no population_<year>.csv for the year's "
                        + "share of residents aged 65 or more: elderly and total need it")))
                .withColumn("run_id", lit(run.runId()))
                .cache();
        write(FundingTables.NEED_COEFFICIENTS, FundingTables.NEED_COEFFICIENTS_SCHEMA.conform(coefficients));

        Dataset<Row> totals = population.map(Denominators::totals).orElse(null);
        NavigableSet<Integer> populationYears = population.map(Denominators::years).orElse(new TreeSet<>());
        Dataset<Row> coefficientTable = warehouse.read(Layer.GOLD, FundingTables.NEED_COEFFICIENTS);
        allocate(coefficientTable, totals, populationYears);
        costs(coefficientTable, totals, populationYears);
        coefficients.unpersist();

        // The headline figures come from the gold tables just written, not from their computation again.
        List<Dataset<Row>> comparison = new ArrayList<>();
        comparison.add(comparisonRows(coefficientTable.where(col("total").isNotNull()), "year",
                "need_coefficient_total", lit(null), lit(null), col("total"), lit(null)));
        warehouse.readIfExists(Layer.GOLD, FundingTables.ALLOCATION).ifPresent(a -> comparison.add(comparisonRows(
                a.where(col("criterion").equalTo("total")), "funding_year", "funding_per_resident",
                col("amount_eur"), col("population"), col("amount_per_resident_eur"), col("population_year"))));
        warehouse.readIfExists(Layer.GOLD, FundingTables.COSTS).ifPresent(c -> {
            Dataset<Row> total = c.where(col("sector").equalTo(NeedsStandardisedCosts.SOCIAL_AND_HEALTH));
            comparison.add(comparisonRows(total, "year", "cost_per_resident", col("net_operating_cost_eur"),
                    col("population"), col("cost_per_resident_eur"), col("population_year")));
        });
        stage.addComparison(FundingTables.SOURCE, Slice.where("source", FundingTables.SOURCE),
                everyArea(comparison.stream().reduce(Dataset::unionByName).orElseThrow()));
    }

    /**
     * A factor file whose year has no need model at all cannot give coefficients: its rows are in the quarantine
     * (rule in-model), and the run fails on every refresh until the model arrives, not only on the first.
     */
    private void failOnFactorsWithoutModel(Optional<Dataset<Row>> model) {
        Optional<Dataset<Row>> quarantine = warehouse.readIfExists(Layer.SILVER, SourceLoader.QUARANTINE);
        if (quarantine.isEmpty()) {
            return;
        }
        TreeSet<Integer> modelYears = new TreeSet<>(model.map(m -> m.select("year").distinct().collectAsList()
                .stream().map(r -> r.getInt(0)).toList()).orElse(List.of()));
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

    private void allocate(Dataset<Row> coefficients, Dataset<Row> totals, NavigableSet<Integer> populationYears) {
        Optional<Dataset<Row>> criteria = warehouse.readIfExists(Layer.SILVER, FundingSources.CRITERIA);
        if (criteria.isEmpty()) {
            return;
        }
        Dataset<Row> bases = warehouse.readIfExists(Layer.SILVER, FundingSources.BASES).orElse(null);
        Dataset<Row> official = warehouse.readIfExists(Layer.SILVER, FundingSources.OFFICIAL).orElse(null);
        Dataset<Row> out = null;
        for (Row y : criteria.get().select("year").distinct().orderBy("year").collectAsList()) {
            int year = y.getInt(0);
            List<Integer> years = config.funding().coefficientYearsFor(year);
            Dataset<Row> used = coefficients.where(col("year").isin(years.toArray()).and(col("area_code").isin(funded.toArray())));
            List<Integer> present = used.where(col("total").isNotNull()).select("year").distinct().collectAsList()
                    .stream().map(r -> r.getInt(0)).toList();
            if (!present.containsAll(years) || totals == null || bases == null) {
                warn("calculated funding of " + year + " is not computed: it needs the need coefficients of " + years
                        + " (have " + present + "), funding_bases_" + year + ".csv and a population file");
                continue;
            }
            Denominators.Choice pop = Denominators.choose(year, populationYears,
                    new AppConfig.PopulationRule(config.funding().populationYearOffset(), true));
            if (pop.isFallback()) {
                warn("calculated funding of " + year + " uses the population of " + pop.year() + ": population_"
                        + pop.wanted() + ".csv is missing");
            }
            Dataset<Row> mean = used.groupBy("area_code")
                    .agg(avg("health").as("health"), avg("social").as("social"), avg("elderly").as("elderly"));
            Dataset<Row> population = totals.where(col("year").equalTo(pop.year()).and(col("area_code").isin(funded.toArray())))
                    .select("area_code", "population");
            Dataset<Row> allocation = FundingCalculation.allocate(criteria.get().where(col("year").equalTo(year)),
                    bases.where(col("year").equalTo(year)), mean, population, config.funding().needCriteria());
            Dataset<Row> withTotals = allocation.unionByName(FundingCalculation.totals(allocation), true);
            Dataset<Row> officialOfYear = official == null
                    ? TableSchema.empty(spark, "area_code STRING, criterion STRING, amount_eur DOUBLE")
                    : official.where(col("year").equalTo(year));
            Dataset<Row> reconciled = FundingCalculation.reconcile(withTotals, officialOfYear, config.funding().toleranceEur())
                    .withColumn("funding_year", lit(year))
                    .withColumn("coefficient_years", lit(years.stream().map(String::valueOf).collect(Collectors.joining(","))))
                    .withColumn("population_year", lit(pop.year()))
                    .withColumn("run_id", lit(run.runId()));
            out = out == null ? reconciled : out.unionByName(reconciled, true);
        }
        if (out != null) {
            write(FundingTables.ALLOCATION, FundingTables.ALLOCATION_SCHEMA.conform(out));
        }
    }

    private void costs(Dataset<Row> coefficients, Dataset<Row> totals, NavigableSet<Integer> populationYears) {
        Optional<Dataset<Row>> costs = warehouse.readIfExists(Layer.SILVER, FundingSources.COSTS);
        if (costs.isEmpty()) {
            return;
        }
        TreeSet<Integer> coefficientYears = new TreeSet<>(coefficients.where(col("total").isNotNull())
                .select("year").distinct().collectAsList().stream().map(r -> r.getInt(0)).toList());
        Dataset<Row> out = null;
        for (Row y : costs.get().select("year").distinct().orderBy("year").collectAsList()) {
            int year = y.getInt(0);
            Integer coefficientYear = coefficientYears.floor(year);
            if (coefficientYear == null || totals == null) {
                warn("needs-standardised costs of " + year + " are not computed: no need coefficients of " + year
                        + " or earlier, or no population file");
                continue;
            }
            if (coefficientYear != year) {
                warn("needs-standardised costs of " + year + " use the need coefficients of " + coefficientYear);
            }
            Denominators.Choice pop = Denominators.choose(year, populationYears,
                    new AppConfig.PopulationRule(config.funding().costPopulationYearOffset(), true));
            Dataset<Row> result = NeedsStandardisedCosts.compute(costs.get().where(col("year").equalTo(year)),
                            totals.where(col("year").equalTo(pop.year())),
                            coefficients.where(col("year").equalTo(coefficientYear)), funded)
                    .withColumn("year", lit(year))
                    .withColumn("coefficient_year", lit(coefficientYear))
                    .withColumn("population_year", lit(pop.year()))
                    .withColumn("run_id", lit(run.runId()));
            out = out == null ? result : out.unionByName(result);
        }
        if (out != null) {
            write(FundingTables.COSTS, FundingTables.COSTS_SCHEMA.conform(out));
        }
    }

    private Dataset<Row> comparisonRows(Dataset<Row> rows, String yearColumn, String measure, Column numerator,
                                        Column denominator, Column value, Column denominatorPeriod) {
        return rows.select(col(yearColumn).cast("string").as("period"), col("area_code"), lit(measure).as("measure_id"),
                numerator.cast("double").as("numerator"), denominator.cast("double").as("denominator"),
                value.cast("double").as("value"), lit(false).as("suppressed"),
                when(value.isNull(), lit("not computable: an input of the figure (population, coefficient or cost) is missing for the area"))
                        .as("no_data_reason"),
                col(yearColumn).cast("string").as("data_period"), denominatorPeriod.cast("string").as("denominator_period"),
                lit(FundingTables.SOURCE).as("source"), lit(run.runId()).as("run_id"));
    }

    /**
     * Every area has a row of every funding measure and year: an area outside the funding act (Åland) says so,
     * a funded area without a figure says that it has none.
     */
    private Dataset<Row> everyArea(Dataset<Row> rows) {
        List<String> areaCodes = config.areas().stream().map(Area::code).toList();
        Dataset<Row> areas = stage.spark.createDataset(areaCodes, Encoders.STRING()).toDF("area_code");
        // One row per measure and year, whatever the areas' own denominator years.
        Dataset<Row> missing = rows.groupBy("period", "measure_id").agg(first("data_period").as("data_period"),
                        first("denominator_period", true).as("denominator_period"), first("source").as("source"),
                        first("run_id").as("run_id"))
                .crossJoin(areas)
                .join(rows.select("period", "measure_id", "area_code"), new String[]{"period", "measure_id", "area_code"}, "left_anti")
                .withColumn("suppressed", lit(false))
                .withColumn("no_data_reason", when(col("area_code").isin(funded.toArray()).or(col("area_code").equalTo(Area.COUNTRY)),
                        lit("no figure for the area in the funding inputs loaded"))
                        .otherwise(lit("outside the needs-based funding act (Act 617/2021): no funding, cost or need-coefficient figures")));
        return ComparisonTable.base(rows).unionByName(ComparisonTable.base(missing.withColumn("numerator", lit(null))
                .withColumn("denominator", lit(null)).withColumn("value", lit(null))));
    }

    /** Yearly funding tables are recomputed whole: every year present in silver. */
    private void write(String table, Dataset<Row> rows) {
        stage.write(table, table, rows, Slice.whole());
    }

    private void warn(String message) {
        stage.warn(LOG, message);
    }
}
