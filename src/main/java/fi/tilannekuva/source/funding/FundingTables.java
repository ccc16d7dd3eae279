package fi.tilannekuva.source.funding;

import fi.tilannekuva.gold.ComparisonMeasures;
import fi.tilannekuva.method.FundingCalculation;
import fi.tilannekuva.method.NeedsStandardisedCosts;
import fi.tilannekuva.warehouse.TableSchema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/** Gold tables of the needs-based funding model, every step of it open: coefficients, allocation, costs. */
public final class FundingTables {

    public static final String NEED_COEFFICIENTS = ComparisonMeasures.COEFFICIENTS;
    public static final String ALLOCATION = "funding_allocation";
    public static final String COSTS = "needs_standardised_costs";
    public static final String SOURCE = "funding";

    public static final TableSchema NEED_COEFFICIENTS_SCHEMA = new TableSchema()
            .column("year", DataTypes.IntegerType, "Year of THL's need model and factor shares.")
            .column("area_code", DataTypes.StringType, "Area code (01-21, 90; SSS the country = 1). Åland is outside the funding act.")
            .column("need_health", DataTypes.DoubleType, "Health-care need per resident (EUR): intercept + sum of coefficient x factor share.")
            .column("need_social", DataTypes.DoubleType, "Social-care need per resident (EUR).")
            .column("need_elderly", DataTypes.DoubleType, "Elderly-care need per resident aged 65 or more (EUR).")
            .column("share_65_plus", DataTypes.DoubleType, "Share of residents aged 65 or more (the country: over the funded areas).")
            .column("health", DataTypes.DoubleType, "Health-care need coefficient: need_health / need_health of the country.")
            .column("social", DataTypes.DoubleType, "Social-care need coefficient: need_social / need_social of the country.")
            .column("elderly", DataTypes.DoubleType, "Elderly-care need coefficient: need ratio x share_65_plus ratio to the country.")
            .column("total", DataTypes.DoubleType, "Total need coefficient: 0.5886 health + 0.2139 social + 0.1975 elderly.")
            .column("note", DataTypes.StringType, "Why elderly and total are missing, when they are (no population of the year).")
            .column("run_id", DataTypes.StringType, "The run that computed the row (see runs).");

    public static final TableSchema ALLOCATION_SCHEMA = new TableSchema()
            .column("funding_year", DataTypes.IntegerType, "The funding year.")
            .column("area_code", DataTypes.StringType, "Funded area (01-21, 90); SSS on the total rows: the funded areas summed.")
            .column("criterion", DataTypes.StringType, "Funding criterion of Act 617/2021 (need_health, population, ...), or total.")
            .column("share_percent", DataTypes.DoubleType, "The criterion's share of the national funding (%).")
            .column("national_total_eur", DataTypes.DoubleType, "National funding of the year (EUR).")
            .column("criterion_total_eur", DataTypes.DoubleType, "share_percent / 100 x national_total_eur.")
            .column("base", DataTypes.DoubleType, "The area's base for the criterion (residents, Swedish speakers, ...).")
            .column("coefficient_raw", DataTypes.DoubleType, "Need criteria: the mean need coefficient of coefficient_years before re-normalisation.")
            .column("coefficient", DataTypes.DoubleType, "The coefficient used; need coefficients re-normalised to a population-weighted mean of 1.")
            .column("unit_price_eur", DataTypes.DoubleType, "criterion_total_eur / sum over funded areas of base x coefficient: the price per unit of base (e.g. per Swedish speaker).")
            .column("basic_price_eur", DataTypes.DoubleType, "The act's per-resident basic price: criterion_total_eur / the funded areas' residents (equal to unit_price_eur for the population and need criteria).")
            .column("relative_coefficient", DataTypes.DoubleType, "(base x coefficient / population) of the area over the same of the funded areas: amount_eur = basic_price_eur x population x relative_coefficient.")
            .column("amount_eur", DataTypes.DoubleType, "Calculated funding: unit_price_eur x base x coefficient.")
            .column("population", DataTypes.LongType, "Residents of the area on 31 December of population_year.")
            .column("amount_per_resident_eur", DataTypes.DoubleType, "amount_eur / population.")
            .column("official_amount_eur", DataTypes.DoubleType, "The Ministry of Finance's published amount, when supplied.")
            .column("difference_eur", DataTypes.DoubleType, "amount_eur - official_amount_eur.")
            .column("reconciliation", DataTypes.StringType, "reconciled (within the configured tolerance), differs, or no official figure.")
            .column("coefficient_years", DataTypes.StringType, "Years whose need coefficients were averaged (e.g. 2022,2023).")
            .column("population_year", DataTypes.IntegerType, "Year of the population used.")
            .column("run_id", DataTypes.StringType, "The run that computed the row (see runs).");

    public static final TableSchema COSTS_SCHEMA = new TableSchema()
            .column("year", DataTypes.IntegerType, "Year of the costs.")
            .column("area_code", DataTypes.StringType, "Funded area (01-21, 90) or SSS, the sum of the funded areas.")
            .column("sector", DataTypes.StringType, "health, social, elderly, rescue, other; social_and_health (health + social + elderly: the needs-adjusted figure); total (every sector, as it is).")
            .column("net_operating_cost_eur", DataTypes.DoubleType, "Net operating costs (EUR).")
            .column("population", DataTypes.LongType, "Residents on 31 December of population_year.")
            .column("cost_per_resident_eur", DataTypes.DoubleType, "net_operating_cost_eur / population.")
            .column("index", DataTypes.DoubleType, "100 x cost_per_resident_eur / the country's (country = 100).")
            .column("need_coefficient", DataTypes.DoubleType, "The need coefficient of coefficient_year that adjusts the sector: health, social or elderly for those sectors, total for social_and_health; null for rescue, other and total.")
            .column("needs_adjusted_index", DataTypes.DoubleType, "index / need_coefficient (country = 100); null where the need coefficients do not describe the costs (rescue, other, total).")
            .column("coefficient_year", DataTypes.IntegerType, "Year of the need coefficients used (the latest at or before year).")
            .column("population_year", DataTypes.IntegerType, "Year of the population used.")
            .column("run_id", DataTypes.StringType, "The run that computed the row (see runs).");

    private FundingTables() {
    }

    /** A {@code funding_allocation} row of one cell of {@code fundingYear}. */
    public static Row allocationRow(FundingCalculation.Cell c, int fundingYear, String coefficientYears,
                                    Integer populationYear, String runId) {
        return ALLOCATION_SCHEMA.row().set("funding_year", fundingYear).set("area_code", c.area())
                .set("criterion", c.criterion()).set("share_percent", c.sharePercent())
                .set("national_total_eur", c.nationalTotalEur()).set("criterion_total_eur", c.criterionTotalEur())
                .set("base", c.base()).set("coefficient_raw", c.coefficientRaw()).set("coefficient", c.coefficient())
                .set("unit_price_eur", c.unitPriceEur()).set("basic_price_eur", c.basicPriceEur())
                .set("relative_coefficient", c.relativeCoefficient()).set("amount_eur", c.amountEur())
                .set("population", c.population()).set("amount_per_resident_eur", c.amountPerResidentEur())
                .set("official_amount_eur", c.officialAmountEur()).set("difference_eur", c.differenceEur())
                .set("reconciliation", c.reconciliation()).set("coefficient_years", coefficientYears)
                .set("population_year", populationYear).set("run_id", runId).build();
    }

    /** A {@code needs_standardised_costs} row of one sector of an area in {@code year}. */
    public static Row costsRow(NeedsStandardisedCosts.Result r, int year, Integer coefficientYear, Integer populationYear,
                               String runId) {
        return COSTS_SCHEMA.row().set("year", year).set("area_code", r.area())
                .set("sector", r.sector()).set("net_operating_cost_eur", r.netOperatingCostEur())
                .set("population", r.population()).set("cost_per_resident_eur", r.costPerResidentEur())
                .set("index", r.index()).set("need_coefficient", r.needCoefficient())
                .set("needs_adjusted_index", r.needsAdjustedIndex()).set("coefficient_year", coefficientYear)
                .set("population_year", populationYear).set("run_id", runId).build();
    }
}
