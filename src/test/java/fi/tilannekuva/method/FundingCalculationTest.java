package fi.tilannekuva.method;

import fi.tilannekuva.source.funding.FundingTables;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two funded areas, three criteria, worked out by hand. */
class FundingCalculationTest {

    private static Map<String, Row> allocation() {
        List<FundingCalculation.Criterion> criteria = List.of(
                new FundingCalculation.Criterion("need_health", 50.0, 1_000_000.0),
                new FundingCalculation.Criterion("population", 40.0, 1_000_000.0),
                new FundingCalculation.Criterion("bilingual", 10.0, 1_000_000.0));
        List<FundingCalculation.Base> bases = List.of(
                new FundingCalculation.Base("01", "population", 1000.0, 1.0), new FundingCalculation.Base("02", "population", 3000.0, 1.0),
                new FundingCalculation.Base("01", "bilingual", 200.0, 1.0), new FundingCalculation.Base("02", "bilingual", 0.0, 1.0));
        Map<String, Map<String, Double>> coefficients = Map.of(
                "01", Map.of("health", 1.2, "social", 1.0, "elderly", 1.0), "02", Map.of("health", 0.9, "social", 1.0, "elderly", 1.0));
        Map<String, Long> population = Map.of("01", 1000L, "02", 3000L);
        List<FundingCalculation.Cell> allocation = FundingCalculation.allocate(criteria, bases, coefficients, population,
                Map.of("need_health", "health"));
        Map<String, Double> official = Map.of("01|total", 353_846.0, "02|need_health", 346_000.0);
        List<FundingCalculation.Cell> withTotals = new ArrayList<>(allocation);
        withTotals.addAll(FundingCalculation.totals(allocation));
        List<Row> all = FundingCalculation.reconcile(withTotals, official, 1.0).stream()
                .map(c -> FundingTables.allocationRow(c, 2026, "2022,2023", 2024, "run")).toList();
        Map<String, Row> byCell = new HashMap<>();
        all.forEach(r -> byCell.put(r.getAs("area_code") + " " + r.getAs("criterion"), r));
        return byCell;
    }

    @Test
    void needCoefficientsAreRenormalisedToAPopulationWeightedMeanOfOne() {
        Map<String, Row> c = allocation();
        // Weighted mean of the raw coefficients: (1000 · 1.2 + 3000 · 0.9) / 4000 = 3900 / 4000 = 0.975.
        assertEquals(1.2 / 0.975, c.get("01 need_health").getAs("coefficient"), 1e-12);   // 1.230769...
        assertEquals(0.9 / 0.975, c.get("02 need_health").getAs("coefficient"), 1e-12);   // 0.923076...
        assertEquals(1.2, c.get("01 need_health").getAs("coefficient_raw"), 0.0);
    }

    @Test
    void basicPricesAndAmounts() {
        Map<String, Row> c = allocation();
        // need_health: 50 % of 1,000,000 = 500,000 over 4,000 residents (Σ base · coefficient = 4,000) = 125 €,
        // per unit of base and per resident alike.
        assertEquals(125.0, c.get("01 need_health").getAs("unit_price_eur"), 1e-9);
        assertEquals(125.0, c.get("01 need_health").getAs("basic_price_eur"), 1e-9);
        assertEquals(1.2 / 0.975, c.get("01 need_health").getAs("relative_coefficient"), 1e-12);
        assertEquals(125.0 * 1000 * (1.2 / 0.975), c.get("01 need_health").getAs("amount_eur"), 1e-6);  // 153,846.15
        assertEquals(125.0 * 3000 * (0.9 / 0.975), c.get("02 need_health").getAs("amount_eur"), 1e-6);  // 346,153.85
        // population: 400,000 / 4,000 = 100 € per resident.
        assertEquals(100.0, c.get("02 population").getAs("unit_price_eur"), 1e-9);
        assertEquals(100.0, c.get("02 population").getAs("basic_price_eur"), 1e-9);
        assertEquals(300_000.0, c.get("02 population").getAs("amount_eur"), 1e-6);
        // bilingual: 100,000 over the 200 Swedish speakers of 01 = 500 € each; 02 has none. The act's basic price
        // is per resident: 100,000 / 4,000 = 25 €, and 01's relative coefficient (200 / 1,000) / (200 / 4,000) = 4,
        // so 25 € × 1,000 residents × 4 = 100,000 €, the same amount.
        assertEquals(500.0, c.get("01 bilingual").getAs("unit_price_eur"), 1e-9);
        assertEquals(25.0, c.get("01 bilingual").getAs("basic_price_eur"), 1e-9);
        assertEquals(4.0, c.get("01 bilingual").getAs("relative_coefficient"), 1e-12);
        assertEquals(0.0, c.get("02 bilingual").getAs("relative_coefficient"), 1e-12);
        assertEquals(100_000.0, c.get("01 bilingual").getAs("amount_eur"), 1e-6);
        assertEquals(0.0, c.get("02 bilingual").getAs("amount_eur"), 1e-9);
    }

    @Test
    void totalsPerResidentAndReconciliation() {
        Map<String, Row> c = allocation();
        double total01 = 125.0 * 1000 * (1.2 / 0.975) + 100_000 + 100_000;   // 353,846.1538...
        assertEquals(total01, c.get("01 total").getAs("amount_eur"), 1e-6);
        assertEquals(total01 / 1000, c.get("01 total").getAs("amount_per_resident_eur"), 1e-9);   // 353.85 €
        double total02 = 125.0 * 3000 * (0.9 / 0.975) + 300_000;             // 646,153.8461...
        assertEquals(total02 / 3000, c.get("02 total").getAs("amount_per_resident_eur"), 1e-9);   // 215.38 €
        // The whole national total is distributed: 353,846.15 + 646,153.85 = 1,000,000, 250 € per resident.
        assertEquals(1_000_000.0, total01 + total02, 1e-6);
        assertEquals(1_000_000.0, c.get("SSS total").getAs("amount_eur"), 1e-6);
        assertEquals(1_000_000.0 / 4000, c.get("SSS total").getAs("amount_per_resident_eur"), 1e-9);
        // Official 353,846.00 against 353,846.15: within 1 €, reconciled; 346,000 against 346,153.85 differs.
        assertEquals("reconciled", c.get("01 total").getAs("reconciliation"));
        assertEquals(total01 - 353_846.0, c.get("01 total").getAs("difference_eur"), 1e-6);
        assertEquals("differs", c.get("02 need_health").getAs("reconciliation"));
        assertEquals("no official figure", c.get("01 population").getAs("reconciliation"));
    }
}
