package fi.tilannekuva.method;

import fi.tilannekuva.source.funding.FundingTables;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class NeedsStandardisedCostsTest {

    @Test
    void indexAndNeedsAdjustedIndexByHand() {
        List<NeedsStandardisedCosts.Cost> costs = List.of(
                new NeedsStandardisedCosts.Cost("01", "health", 1_000_000.0), new NeedsStandardisedCosts.Cost("01", "social", 500_000.0),
                new NeedsStandardisedCosts.Cost("01", "rescue", 100_000.0),
                new NeedsStandardisedCosts.Cost("02", "health", 2_400_000.0), new NeedsStandardisedCosts.Cost("02", "social", 600_000.0),
                new NeedsStandardisedCosts.Cost("02", "rescue", 200_000.0),
                new NeedsStandardisedCosts.Cost("SSS", "health", 9e9));   // a country row is not used
        Map<String, Long> population = Map.of("01", 1000L, "02", 3000L);
        Map<String, Map<String, Double>> coefficients = Map.of(
                "01", Map.of("health", 1.1, "social", 1.3, "elderly", 1.0, "total", 1.25),
                "02", Map.of("health", 0.95, "social", 0.8, "elderly", 1.0, "total", 0.9),
                "SSS", Map.of("health", 1.0, "social", 1.0, "elderly", 1.0, "total", 1.0));
        Map<String, Row> r = new HashMap<>();
        NeedsStandardisedCosts.compute(costs, population, coefficients, List.of("01", "02")).stream()
                .map(result -> FundingTables.costsRow(result, 2024, 2023, 2023, "run"))
                .forEach(row -> r.put(row.getAs("area_code") + " " + row.getAs("sector"), row));

        // Social and health care (health + social + elderly; rescue is not in it): 01 spends 1,500,000 / 1,000 =
        // 1,500 € per resident; 02 3,000,000 / 3,000 = 1,000 €; the country 4,500,000 / 4,000 = 1,125 €.
        assertEquals(1500.0, r.get("01 social_and_health").getAs("cost_per_resident_eur"), 1e-9);
        assertEquals(1125.0, r.get("SSS social_and_health").getAs("cost_per_resident_eur"), 1e-9);
        assertEquals(100.0 * 1500 / 1125, r.get("01 social_and_health").getAs("index"), 1e-9);    // 133.33
        assertEquals(100.0 * 1000 / 1125, r.get("02 social_and_health").getAs("index"), 1e-9);    // 88.89
        // Divided by the total need coefficient: 133.33 / 1.25 = 106.67; 88.89 / 0.9 = 98.77.
        assertEquals(100.0 * 1500 / 1125 / 1.25, r.get("01 social_and_health").getAs("needs_adjusted_index"), 1e-9);
        assertEquals(100.0 * 1000 / 1125 / 0.9, r.get("02 social_and_health").getAs("needs_adjusted_index"), 1e-9);
        assertEquals(100.0, r.get("SSS social_and_health").getAs("needs_adjusted_index"), 1e-9);
        // Each care sector by its own coefficient. Health: 1,000 € and 800 € against 3,400,000 / 4,000 = 850 €;
        // 117.65 / 1.1 = 106.95. Social: 500 € against 1,100,000 / 4,000 = 275 €: 181.82 / 1.3 = 139.86.
        assertEquals(100.0 * 1000 / 850, r.get("01 health").getAs("index"), 1e-9);
        assertEquals(100.0 * 1000 / 850 / 1.1, r.get("01 health").getAs("needs_adjusted_index"), 1e-9);
        assertEquals(100.0 * 800 / 850 / 0.95, r.get("02 health").getAs("needs_adjusted_index"), 1e-9);
        assertEquals(100.0 * 500 / 275 / 1.3, r.get("01 social").getAs("needs_adjusted_index"), 1e-9);
        // Rescue, and every sector together, as they are: 01 1,600,000 / 1,000 = 1,600 € against
        // 4,800,000 / 4,000 = 1,200 € (index 133.33), with no need coefficient and no needs-adjusted index.
        assertEquals(100.0 * 100 / 75, r.get("01 rescue").getAs("index"), 1e-9);     // 100 € / (300,000 / 4,000)
        assertNull(r.get("01 rescue").getAs("needs_adjusted_index"));
        assertNull(r.get("01 rescue").getAs("need_coefficient"));
        assertEquals(1600.0, r.get("01 total").getAs("cost_per_resident_eur"), 1e-9);
        assertEquals(100.0 * 1600 / 1200, r.get("01 total").getAs("index"), 1e-9);
        assertNull(r.get("01 total").getAs("needs_adjusted_index"));
        assertEquals(15, r.size(), "two areas and the country, times three sectors, social_and_health and total");
    }
}
