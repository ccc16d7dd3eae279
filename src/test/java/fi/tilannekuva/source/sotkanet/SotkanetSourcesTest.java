package fi.tilannekuva.source.sotkanet;

import fi.tilannekuva.TestSpark;
import fi.tilannekuva.area.AreaResolver;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.ConfigLoader;
import fi.tilannekuva.input.InputException;
import fi.tilannekuva.quality.FileLoad;
import fi.tilannekuva.quality.StageTimes;
import fi.tilannekuva.source.SourceChain;
import fi.tilannekuva.source.SourceLoader;
import fi.tilannekuva.warehouse.Layer;
import fi.tilannekuva.warehouse.RunContext;
import fi.tilannekuva.warehouse.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sotkanet responses through bronze, rules and silver: both formats alike, old and new ids, bad rows quarantined. */
class SotkanetSourcesTest {

    private static final AppConfig CONFIG = ConfigLoader.load(null);
    private static final Map<Integer, String> IDS = new AreaResolver(CONFIG.catalogue().areas())
            .sotkanetIndex();

    private static List<FileLoad> load(Path input, Warehouse warehouse) {
        SparkSession spark = TestSpark.session();
        SourceLoader loader = new SourceLoader(spark, warehouse, RunContext.start("test"), CONFIG.sources().rules(),
                CONFIG.spark().judgedAgainFromBytes(), new StageTimes());
        // The regions first, as a refresh loads them: data rows are checked against them.
        return loader.loadAll(input, List.of(SourceChain.of(SotkanetSources.regions(IDS), SotkanetSources.data(IDS,
                        () -> warehouse.readIfExists(Layer.SILVER, SotkanetSources.REGIONS)))), 1, l -> { })
                .stream().filter(l -> l.source().equals(SotkanetSources.DATA)).toList();
    }

    private static Dataset<Row> typed(Warehouse warehouse, String file) {
        return warehouse.read(Layer.SILVER, SotkanetSources.DATA).where(col("source_file").equalTo(file))
                .select(SotkanetSources.DATA_SILVER.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new));
    }

    @Test
    void csvAndJsonResponsesOfTheSameDataGiveIdenticalSilverRows(@TempDir Path dir) throws IOException {
        TestSpark.get();
        Path data = Files.createDirectories(dir.resolve("in/indicators/data"));
        Files.writeString(data.resolve("a.json"), """
                [{"indicator":5641,"region":974,"year":2024,"gender":"total","value":196.0,"absValue":512},
                 {"indicator":5641,"region":658,"year":2024,"gender":"female","value":12.5}]
                """);
        Files.writeString(data.resolve("b.csv"), """
                indicator;region;year;gender;primary value;absolute value
                5641;974;2024;total;196;512
                5641;658;2024;female;12,5;
                """);
        Warehouse warehouse = new Warehouse(TestSpark.session(), dir.resolve("wh"));
        List<FileLoad> loads = load(dir.resolve("in"), warehouse);
        assertEquals(2, loads.size());
        TestSpark.assertSameRows(typed(warehouse, "indicators/data/a.json"), typed(warehouse, "indicators/data/b.csv"));
        Row north = typed(warehouse, "indicators/data/b.csv").where(col("region_id").equalTo(974)).first();
        assertEquals("13", north.getAs("area_code"));
        assertEquals(196.0, (double) north.getAs("value"));
        assertEquals(512.0, (double) north.getAs("absolute_value"));
    }

    @Test
    void oldAndNewIdsOfAnAreaAreOneSeriesAndBadRowsGoToQuarantine(@TempDir Path dir) throws IOException {
        TestSpark.get();
        Path indicators = Files.createDirectories(dir.resolve("in/indicators/data")).getParent();
        Files.writeString(indicators.resolve("regions.json"), """
                [{"id":1002,"code":"837","category":"KUNTA","title":{"fi":"Tampere","sv":"Tammerfors","en":"Tampere"}}]
                """);
        // Pirkanmaa: 890 before 2024, 970 from 2024; 1002 is a municipality (kept, no area); 12345 is unknown.
        Files.writeString(indicators.resolve("data/series.json"), """
                [{"indicator":9002,"region":890,"year":2023,"gender":"total","value":7.9},
                 {"indicator":9002,"region":970,"year":2024,"gender":"total","value":8.3},
                 {"indicator":9002,"region":1002,"year":2024,"gender":"total","value":8.8},
                 {"indicator":9002,"region":12345,"year":2024,"gender":"total","value":7.1},
                 {"indicator":9002,"region":970,"year":2025,"gender":"total","value":"n/a"}]
                """);
        Warehouse warehouse = new Warehouse(TestSpark.session(), dir.resolve("wh"));
        FileLoad load = load(dir.resolve("in"), warehouse).get(0);
        assertEquals(5, load.rowsRead());
        assertEquals(3, load.rowsAccepted());
        assertEquals(2, load.rowsQuarantined());

        List<Row> pirkanmaa = warehouse.read(Layer.SILVER, SotkanetSources.DATA).where(col("area_code").equalTo("08"))
                .orderBy("year").collectAsList();
        assertEquals(List.of(2023, 2024), pirkanmaa.stream().map(r -> (Integer) r.getAs("year")).toList());
        Row tampere = warehouse.read(Layer.SILVER, SotkanetSources.DATA).where(col("region_id").equalTo(1002)).first();
        assertEquals("KUNTA", tampere.getAs("region_category"));
        assertNull(tampere.getAs("area_code"));

        List<String> reasons = warehouse.read(Layer.SILVER, SourceLoader.QUARANTINE).orderBy("line").collectAsList()
                .stream().map(r -> r.getAs("line") + " " + r.getAs("reason")).toList();
        assertEquals(List.of("4 region \"12345\" is neither an area nor a region of regions.json",
                "5 value \"n/a\" is not a number"), reasons);
    }

    @Test
    void aSourceOfManySmallFilesIsOneDataFilePerTableWithEachFilesOwnLineNumbers(@TempDir Path dir) throws IOException {
        TestSpark.get();
        Path data = Files.createDirectories(dir.resolve("in/indicators/data"));
        for (int year = 2021; year <= 2024; year++) {
            Files.writeString(data.resolve("hyte_" + year + ".csv"), "indicator;region;year;gender;primary value\n"
                    + "5641;974;" + year + ";total;196\n5641;658;" + year + ";female;12,5\n");
        }
        Warehouse warehouse = new Warehouse(TestSpark.session(), dir.resolve("wh"));
        assertEquals(4, load(dir.resolve("in"), warehouse).size());
        // Spark reads each file as a partition of its own (at least two for a file of one line, by default); the
        // rows of a few kilobytes are written as one file, not one per file and split.
        assertEquals(1, warehouse.read(Layer.BRONZE, SotkanetSources.DATA).inputFiles().length);
        assertEquals(1, warehouse.read(Layer.SILVER, SotkanetSources.DATA).inputFiles().length);
        // Lines are counted in each file from its header (line 1): the two rows are lines 2 and 3 of every file.
        List<String> lines = warehouse.read(Layer.SILVER, SotkanetSources.DATA).orderBy("source_file", "line")
                .collectAsList().stream().map(r -> r.getAs("source_file") + ":" + r.getAs("line")).toList();
        assertEquals(List.of("indicators/data/hyte_2021.csv:2", "indicators/data/hyte_2021.csv:3",
                "indicators/data/hyte_2022.csv:2", "indicators/data/hyte_2022.csv:3",
                "indicators/data/hyte_2023.csv:2", "indicators/data/hyte_2023.csv:3",
                "indicators/data/hyte_2024.csv:2", "indicators/data/hyte_2024.csv:3"), lines);
    }

    @Test
    void aResponseThatIsNotJsonIsAnErrorNamingTheFile(@TempDir Path dir) throws IOException {
        TestSpark.get();
        Path data = Files.createDirectories(dir.resolve("in/indicators/data"));
        Files.writeString(data.resolve("broken.json"), "[{\"indicator\": 1, \"region\": ");
        Warehouse warehouse = new Warehouse(TestSpark.session(), dir.resolve("wh"));
        InputException e = assertThrows(InputException.class, () -> load(dir.resolve("in"), warehouse));
        assertTrue(e.getMessage().startsWith("indicators/data/broken.json: not valid JSON"), e.getMessage());
    }
}
