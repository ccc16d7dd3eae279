package fi.tilannekuva.area;

import fi.tilannekuva.TestPaths;
import fi.tilannekuva.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link MunicipalityLookup}, the path every source takes from a municipality code to its area: every row of
 * Statistics Finland's real keys 2023–2026, and the codes and years around them.
 */
class MunicipalityLookupTest {

    private static final Pattern REFERENCE_KEYS = Pattern.compile("municipality_to_hva_(\\d{4})\\.csv");
    private static MunicipalityLookup lookup;
    private static SparkSession spark;

    @BeforeAll
    static void load() {
        spark = TestSpark.session();
        Path ref = TestPaths.reference();
        lookup = new MunicipalityLookup(spark, MunicipalityKeyReader.readDirectory(ref, ref, REFERENCE_KEYS));
    }

    /** municipality, year → "area/key year" (or "null/null"), through the lookup. */
    private static Map<String, String> resolve(List<Object[]> cases) {
        StructType schema = StructType.fromDDL("id INT, municipality STRING, year INT");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            rows.add(RowFactory.create(i, cases.get(i)[0], cases.get(i)[1]));
        }
        Dataset<Row> in = spark.createDataFrame(rows, schema);
        Map<String, String> out = new HashMap<>();
        for (Row r : lookup.resolve(in, col("municipality"), col("year"), "area_code", "key_year").collectAsList()) {
            Object[] c = cases.get(r.getInt(r.fieldIndex("id")));
            out.put(c[0] + " " + c[1], r.getAs("area_code") + "/" + r.getAs("key_year"));
        }
        return out;
    }

    @Test
    void everyRowOfEveryRealKeyResolvesToItsArea() throws IOException {
        List<Object[]> cases = new ArrayList<>();
        Map<String, String> expected = new HashMap<>();
        for (int year = 2023; year <= 2026; year++) {
            List<String> lines = Files.readAllLines(TestPaths.reference().resolve("municipality_to_hva_" + year + ".csv"),
                    StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                cases.add(new Object[]{f[0], year});
                expected.put(f[0] + " " + year, String.format("%02d", Integer.parseInt(f[4])) + "/" + year);
            }
        }
        // 309 municipalities in 2023 and 2024, 308 in 2025 and 2026 (Pertunmaa merged into Mäntyharju).
        assertEquals(309 + 309 + 308 + 308, cases.size());
        assertEquals(expected, resolve(cases));
    }

    @Test
    void aMergedMunicipalityGoesThroughTheLatestKeyThatHasItAndYearsOutsideTheKeysTakeTheNearest() {
        Map<String, String> got = resolve(Arrays.asList(
                new Object[]{"588", 2025}, new Object[]{"507", 2026}, new Object[]{"588", 2024},
                new Object[]{"91", 2031}, new Object[]{"091", 2019}, new Object[]{" 91 ", 2025},
                new Object[]{"999", 2025}, new Object[]{"09x", 2025}, new Object[]{null, 2025}));
        // Pertunmaa (588) is not in the 2025 key: the 2024 key, which has it, puts it in Etelä-Savo (12).
        assertEquals("12/2024", got.get("588 2025"));
        assertEquals("12/2026", got.get("507 2026"));
        assertEquals("12/2024", got.get("588 2024"));
        // A year after the last key uses the last key; a year before the first key the first key.
        assertEquals("90/2026", got.get("91 2031"));
        assertEquals("90/2023", got.get("091 2019"));
        assertEquals("90/2025", got.get(" 91  2025"));
        assertEquals("null/null", got.get("999 2025"));
        assertEquals("null/null", got.get("09x 2025"));
        assertEquals("null/null", got.get("null 2025"));
    }

    @Test
    void aCodeOnlyInLaterKeysTakesTheEarliestOfThemAndARowWithoutAYearHasNoArea() {
        // Keys of 2023 (A in 01) and 2025 (A in 02, B in 03).
        MunicipalityKeys keys = new MunicipalityKeys(Map.of(
                2023, Map.of("001", entry(2023, "001", "01")),
                2025, Map.of("001", entry(2025, "001", "02"), "002", entry(2025, "002", "03"))), Map.of());
        MunicipalityLookup own = new MunicipalityLookup(spark, keys);
        StructType schema = StructType.fromDDL("municipality STRING, year INT");
        List<Row> rows = List.of(RowFactory.create("2", 2024), RowFactory.create("2", 2019), RowFactory.create("1", 2024),
                RowFactory.create("1", 2022), RowFactory.create("1", 2030), RowFactory.create("1", null));
        Map<String, String> got = new HashMap<>();
        for (Row r : own.resolve(spark.createDataFrame(rows, schema), col("municipality"), col("year"), "area_code",
                "key_year").collectAsList()) {
            got.put(r.getAs("municipality") + " " + r.getAs("year"), r.getAs("area_code") + "/" + r.getAs("key_year"));
        }
        // B is in no key before 2025: 2024 and 2019 take the 2025 key. A in 2024 keeps 2023's area (no 2024 key);
        // before the first key the first, after the last the last.
        assertEquals(Map.of("2 2024", "03/2025", "2 2019", "03/2025", "1 2024", "01/2023", "1 2022", "01/2023",
                "1 2030", "02/2025", "1 null", "null/null"), got);
    }

    private static MunicipalityKeys.Entry entry(int year, String municipality, String area) {
        return new MunicipalityKeys.Entry(year, municipality, "fi", "sv", "en", area);
    }
}
