package fi.tilannekuva.quality;

import fi.tilannekuva.TestSpark;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import fi.tilannekuva.config.ConfigLoader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AreaCoverageTest {

    private static final List<Area> AREAS = ConfigLoader.load(null).catalogue().areas();

    @Test
    void theFundedAreasAreTheCountiesAndHelsinkiAndAllAddsAland() {
        AppConfig.CoverageRule funded = new AppConfig.CoverageRule("funding_bases", "year", "funded", "fail");
        AppConfig.CoverageRule all = new AppConfig.CoverageRule("population", "year", "all", "warn");
        // 21 counties + Helsinki (90) = 22; with Åland (91) 23; the country (SSS) is never expected.
        assertEquals(22, AreaCoverage.expected(funded, AREAS).size());
        assertEquals(23, AreaCoverage.expected(all, AREAS).size());
        assertEquals("91", AreaCoverage.expected(all, AREAS).get(22));
    }

    @Test
    void eachPeriodIsCheckedAndTheMissingAreasNamed() {
        AppConfig.CoverageRule rule = new AppConfig.CoverageRule("funding_bases", "year", "funded", "fail");
        List<String> expected = List.of("01", "02", "90");
        List<FileChecks.Result> r = AreaCoverage.evaluate(rule,
                Map.of("2025", Set.of("01", "02", "90"), "2026", Set.of("01", "91")), expected);
        assertEquals(2, r.size());
        FileChecks.Result complete = r.stream().filter(x -> x.subject().endsWith("2025")).findFirst().orElseThrow();
        assertEquals(FileChecks.Status.PASSED, complete.status());
        assertEquals(3.0, complete.observed());
        assertNull(complete.message());
        // 2026: 01 of 01, 02, 90 present (91 is not expected and does not count): 1 of 3, missing 02 and 90.
        FileChecks.Result missing = r.stream().filter(x -> x.subject().endsWith("2026")).findFirst().orElseThrow();
        assertEquals(FileChecks.Status.FAILED, missing.status());
        assertEquals(1.0, missing.observed());
        assertEquals(3.0, missing.threshold());
        assertEquals("funding_bases year 2026: 1 of 3 funded areas, missing 02, 90 (tilannekuva.checks.coverage)",
                missing.message());
        assertEquals(FileChecks.Status.WARNED, AreaCoverage.evaluate(new AppConfig.CoverageRule("costs", "year", "funded", "warn"),
                Map.of("2024", Set.of("01")), expected).get(0).status());
    }

    @Test
    void areasArePerPeriodOfTheSilverTableWithoutNulls() {
        StructType schema = StructType.fromDDL("year INT, area_code STRING");
        Dataset<Row> silver = TestSpark.session().createDataFrame(List.of(RowFactory.create(2024, "01"),
                RowFactory.create(2024, "01"), RowFactory.create(2024, null), RowFactory.create(2025, "02"),
                RowFactory.create(null, "03")), schema);
        Map<String, Set<String>> present = AreaCoverage.areasByPeriod(silver,
                new AppConfig.CoverageRule("population", "year", "funded", "fail"));
        assertEquals(Map.of("2024", Set.of("01"), "2025", Set.of("02")), present.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
}
