package fi.tilannekuva.source.funding;

import fi.tilannekuva.TestCli;
import fi.tilannekuva.TestPaths;
import fi.tilannekuva.TestSpark;
import fi.tilannekuva.job.ExitCode;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed funding rows go to quarantine with a reason; a year whose model and factors do not fit fails. */
@Tag("slow")
class FundingInputRulesTest {

    private static final String MODEL = "vuosi,rivi,osio,muuttuja,kerroin_terveydenhuolto,kerroin_sosiaalihuolto,kerroin_vanhustenhuolto\n"
            + "2020,4,Terveyden- ja sosiaalihuollon muuttujat,Nainen,,4.5,\n"
            + "2020,24,Terveyden- ja sosiaalihuollon muuttujat,\"Alle 1-vuotias, nainen\",1016.8,,\n"
            + "2020,277,Asukaskohtainen erä,Vakiotermi,1700,4400,11400\n";

    private static String factors(boolean complete) {
        StringBuilder b = new StringBuilder("vuosi,rivi,muuttuja,hyvinvointialue_code,alue,osuus_tai_keskiarvo\n");
        for (String area : List.of("01", "02", "SSS")) {
            b.append("2020,4,Nainen,").append(area).append(",x,0.5\n");
            if (complete || !area.equals("02")) {
                b.append("2020,24,\"Alle 1-vuotias, nainen\",").append(area).append(",x,0.004\n");
            }
        }
        return b.toString();
    }

    private static TestCli.Outcome refresh(Path input, Path warehouse, String... more) {
        // These inputs are mostly malformed on purpose; the file checks' gate (QualityGateTest) would stop the run
        // before the rules and errors under test here, so it is lifted.
        Path overlay = warehouse.resolveSibling("no-gate.conf");
        try {
            java.nio.file.Files.writeString(overlay, "include file(\"" + TestPaths.project().resolve("src/test/resources/test.conf")
                    + "\")\ntilannekuva.checks.default.fail-quarantine-share = 1.0\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> args = new java.util.ArrayList<>(List.of("refresh", "--quarter", "2025Q4", "--input", input.toString(),
                "--warehouse", warehouse.toString(), "--conf-file", overlay.toString()));
        args.addAll(List.of(more));
        return TestCli.run(args.toArray(String[]::new));
    }

    @Test
    void malformedRowsAreQuarantinedWithAReason(@TempDir Path dir) throws IOException {
        TestSpark.get();
        Path input = dir.resolve("input");
        Files.createDirectories(input.resolve("funding"));
        Files.writeString(input.resolve("funding/need_model_2020.csv"), MODEL);
        Files.writeString(input.resolve("funding/need_factors_2020.csv"), factors(true)
                + "2020,4,Nainen,07,x,noin puolet\n"      // not a number
                + "2020,4,Nainen,99,x,0.5\n"              // no such area
                + "2020,31,Muu,01,x,0.1\n");              // row 31 is not in the 2020 model
        Files.writeString(input.resolve("funding/costs_2020.csv"),
                "area_code,sector,net_operating_cost_eur\n01,health,1000\n01,dental,5\n");
        // Row rules decide before the gold stage: loading is enough.
        TestCli.Outcome r = refresh(input, dir.resolve("wh"), "--load-only");
        assertEquals(ExitCode.OK, r.code(), r.err());

        List<Row> q = TestSpark.session().read().format("delta").load(dir.resolve("wh/silver/quarantine").toString())
                .orderBy("source", "line").collectAsList();
        List<String> reasons = q.stream().map(row -> row.getAs("source") + ":" + row.getAs("line") + " " + row.getAs("reason")).toList();
        assertEquals(List.of(
                "costs:3 sector \"dental\" is not health, social, elderly, rescue or other",
                "need_factors:8 osuus_tai_keskiarvo \"noin puolet\" is not a number",
                "need_factors:9 hyvinvointialue_code \"99\" is not an area",
                "need_factors:10 rivi 31 is not in the need model of 2020"), reasons);
    }

    @Test
    void aYearWhoseModelAndFactorsDoNotFitFailsNamingTheYearAndRows(@TempDir Path dir) throws IOException {
        TestSpark.get();
        Path input = dir.resolve("input");
        Files.createDirectories(input.resolve("funding"));
        Files.writeString(input.resolve("funding/need_model_2020.csv"), MODEL);
        Files.writeString(input.resolve("funding/need_factors_2020.csv"), factors(false));
        TestCli.Outcome r = refresh(input, dir.resolve("wh"));
        assertEquals(ExitCode.INPUT, r.code());
        assertTrue(r.err().contains("need model and factors of 2020 do not fit: rows 24 of need_model_2020.csv "
                + "have no share in need_factors_2020.csv for areas 02"), r.err());
    }

    @Test
    void factorsWithoutTheirModelFailOnEveryRefreshUntilTheModelArrives(@TempDir Path dir) throws IOException {
        TestSpark.get();
        Path input = dir.resolve("input");
        Files.createDirectories(input.resolve("funding"));
        Files.writeString(input.resolve("funding/need_factors_2020.csv"), factors(true));
        Path warehouse = dir.resolve("wh");
        for (int attempt = 1; attempt <= 2; attempt++) {
            TestCli.Outcome r = refresh(input, warehouse);
            assertEquals(ExitCode.INPUT, r.code(), "attempt " + attempt);
            assertTrue(r.err().contains("funding/need_factors_2020.csv: there is no need model of 2020"), r.err());
        }
        // The model arrives: the unchanged factor file is evaluated again against it.
        Files.writeString(input.resolve("funding/need_model_2020.csv"), MODEL);
        TestCli.Outcome r = refresh(input, warehouse);
        assertEquals(ExitCode.OK, r.code(), r.err());
        long rows = TestSpark.session().read().format("delta").load(warehouse.resolve("gold/need_coefficients").toString())
                .where("year = 2020").count();
        assertEquals(3, rows, "01, 02 and the country");
    }
}
