package fi.tilannekuva.publish;

import fi.tilannekuva.gold.AreasTable;
import fi.tilannekuva.gold.ComparisonTable;
import fi.tilannekuva.gold.Freshness;
import fi.tilannekuva.gold.FundingTables;
import fi.tilannekuva.gold.IndicatorValues;
import fi.tilannekuva.gold.LabelsTable;
import fi.tilannekuva.gold.MeasureCatalogue;
import fi.tilannekuva.gold.SituationalPicture;
import fi.tilannekuva.gold.TrayTraffic;
import fi.tilannekuva.gold.TrayUsefulness;
import fi.tilannekuva.quality.ChecksTable;
import fi.tilannekuva.quality.RunLog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The gold tables users read, each with the one-sentence description that BI tools, the publication bundle and
 * the report show. Column comments travel with each table's own schema.
 */
public final class GoldTables {

    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put(SituationalPicture.TABLE, "One row per quarter and area (the country included): the headline "
                + "measures side by side, with index, significance, change, trend and why any figure is missing.");
        DESCRIPTIONS.put(SituationalPicture.ATTENTION, "Per quarter, area and measure: significantly worse than the "
                + "country by the measure's polarity and getting worse (trend, or change against a year earlier).");
        DESCRIPTIONS.put(ComparisonTable.TABLE, "One row per period, area and measure: the figure and everything needed "
                + "to read it fairly (intervals, national value, index, needs-adjusted index, rank, change, trend, suppression).");
        DESCRIPTIONS.put(MeasureCatalogue.TABLE, "The measures: names, definitions and units in Finnish, Swedish and "
                + "English, polarity, method, interval, needs adjustment, update cycle and freshness limit.");
        DESCRIPTIONS.put(AreasTable.TABLE, "The areas: the 21 wellbeing services counties, Helsinki, Åland and the whole "
                + "country, with names in Finnish, Swedish and English and Sotkanet region ids.");
        DESCRIPTIONS.put(LabelsTable.TABLE, "Every coded value of the tables (significance, assessment, trend, why a "
                + "figure is missing, data status, platform, answers, ...) with its label in Finnish, Swedish and English.");
        DESCRIPTIONS.put(Freshness.TABLE, "Per quarter, measure and area: the latest period with data, when its source "
                + "was last loaded, its age against the catalogue's limit, and warned input checks.");
        DESCRIPTIONS.put(FundingTables.NEED_COEFFICIENTS, "THL's need coefficients per year and area, every step shown "
                + "(needs from the regression model and factor shares, health, social, elderly and total coefficients).");
        DESCRIPTIONS.put(FundingTables.ALLOCATION, "The calculated needs-based funding per funding year, area and "
                + "criterion: share, base, coefficient, basic price, amount and amount per resident.");
        DESCRIPTIONS.put(FundingTables.COSTS, "Net operating costs per resident per year, area and sector, with index "
                + "and needs-adjusted index (country = 100).");
        DESCRIPTIONS.put(IndicatorValues.TABLE, "The followed Sotkanet indicators per year, area and gender: value, "
                + "absolute value, the country's value, rank and change from the previous year.");
        DESCRIPTIONS.put(TrayTraffic.TABLE, "Traffic of the digital wellbeing service trays per quarter and area: "
                + "visits, page loads, wellbeing surveys, visits per 1,000 residents and the data status.");
        DESCRIPTIONS.put(TrayUsefulness.TABLE, "The trays' usefulness survey per quarter and area, per platform and "
                + "for the country: answers and respondent groups with shares and 95 % Wilson intervals.");
        DESCRIPTIONS.put(Publications.TABLE, "The published releases of each quarter: release id, the Delta versions "
                + "copied, the input files behind them, the refresh run and the code version.");
        DESCRIPTIONS.put(RunLog.RUNS, "One row per job run: status, error, stage timings, rows read, accepted and "
                + "quarantined, warnings, code version and configuration digest.");
        DESCRIPTIONS.put(RunLog.RUN_FILES, "One row per input file of each run: rows read = accepted + quarantined, "
                + "failures per rule, the file's SHA-256 and character set.");
        DESCRIPTIONS.put(ChecksTable.TABLE, "Every quality check of every run: file checks (quarantine share, row-count "
                + "change), area coverage and row rule counts, with observed value, threshold and status.");
    }

    private GoldTables() {
    }

    /** Every gold table users read, in the order people meet them, with its description. */
    public static Map<String, String> all() {
        return Collections.unmodifiableMap(DESCRIPTIONS);
    }

    public static Optional<String> description(String table) {
        return Optional.ofNullable(DESCRIPTIONS.get(table));
    }
}
