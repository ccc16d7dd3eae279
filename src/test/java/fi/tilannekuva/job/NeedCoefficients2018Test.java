package fi.tilannekuva.job;

import fi.tilannekuva.TestCli;
import fi.tilannekuva.TestPaths;
import fi.tilannekuva.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * THL's published 2018 need coefficients, reproduced by a refresh of an input root holding only the real 2018
 * need model, factor shares and a population file built from the 2018 table's residents and 65+ counts.
 */
@Tag("slow")
class NeedCoefficients2018Test {

    private static final Map<String, Map<String, String>> published = new HashMap<>();
    private static final Map<String, Map<String, String>> computed = new HashMap<>();
    private static String stdout;

    @BeforeAll
    static void refresh() throws IOException {
        TestSpark.get();
        Path root = TestSpark.target().resolve("funding2018");
        TestPaths.deleteRecursively(root);
        Path input = root.resolve("input");
        Files.createDirectories(input.resolve("funding"));
        Files.createDirectories(input.resolve("reference"));
        copyYear(TestPaths.reference().resolve("thl_tarvevakiointi_regressiokertoimet_2018_2023.csv"),
                input.resolve("funding/need_model_2018.csv"));
        copyYear(TestPaths.reference().resolve("thl_tarvevakiointi_muuttujaosuudet_2018_2023_long.csv"),
                input.resolve("funding/need_factors_2018.csv"));
        List<String> population = new ArrayList<>(List.of("area_code,sex,age_group,population"));
        for (Map<String, String> r : TestCli.csv(TestPaths.reference().resolve("thl_tarvekertoimet_hva_2018.csv"))) {
            published.put(r.get("hyvinvointialue_code"), r);
            if (!r.get("hyvinvointialue_code").equals("SSS")) {
                long all = Long.parseLong(r.get("vakiluku"));
                long old = Long.parseLong(r.get("yli_64_vuotiaat"));
                // Only the 65+ share matters here: the old in one band, the rest in another.
                population.add(r.get("hyvinvointialue_code") + ",1,65-69," + old);
                population.add(r.get("hyvinvointialue_code") + ",1,30-34," + (all - old));
            }
        }
        Files.write(input.resolve("reference/population_2018.csv"), population, StandardCharsets.UTF_8);

        Path warehouse = root.resolve("warehouse");
        TestCli.Outcome refresh = TestCli.run(TestCli.withWarehouse(warehouse, "refresh", "--quarter", "2025Q4",
                "--input", input.toString()));
        stdout = refresh.out();
        assertEquals(ExitCode.OK, refresh.code(), refresh.out() + "\n" + refresh.err());
        Path export = root.resolve("need_coefficients.csv");
        TestCli.Outcome exported = TestCli.run(TestCli.withWarehouse(warehouse, "export", "--table", "need_coefficients",
                "--out", export.toString()));
        assertEquals(ExitCode.OK, exported.code(), exported.err());
        for (Map<String, String> r : TestCli.csv(export)) {
            computed.put(r.get("area_code"), r);
        }
    }

    @Test
    void allTwentyTwoAreasAndTheCountryMatchThlsPublishedCoefficients() {
        assertEquals(23, published.size());
        assertEquals(published.keySet(), computed.keySet());
        for (String area : published.keySet()) {
            Map<String, String> p = published.get(area);
            Map<String, String> c = computed.get(area);
            assertEquals(d(p, "th_kokonaistarve"), d(c, "need_health"), 1e-9, area);
            assertEquals(d(p, "sh_kokonaistarve"), d(c, "need_social"), 1e-9, area);
            assertEquals(d(p, "vh_kokonaistarve"), d(c, "need_elderly"), 1e-9, area);
            assertEquals(d(p, "th_tarvekerroin"), d(c, "health"), 1e-9, area);
            assertEquals(d(p, "sh_tarvekerroin"), d(c, "social"), 1e-9, area);
            // THL stored the 65+ share in single precision, which moves the seventh decimal.
            assertEquals(d(p, "vh_tarvekerroin"), d(c, "elderly"), 1e-6, area);
            assertEquals(d(p, "kokonaistarvekerroin"), d(c, "total"), 1e-6, area);
        }
    }

    @Test
    void theRunSaysWhatItLoaded() {
        assertTrue(stdout.contains("funding/need_model_2018.csv"), stdout);
        assertTrue(stdout.contains("need_coefficients"), stdout);
    }

    private static double d(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }

    /** The rows of year 2018 of one of THL's all-years files, with its header. */
    private static void copyYear(Path from, Path to) throws IOException {
        List<String> lines = Files.readAllLines(from, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        lines.stream().skip(1).filter(l -> l.startsWith("2018,")).forEach(out::add);
        Files.write(to, out, StandardCharsets.UTF_8);
    }
}
