package fi.tilannekuva.publish;

import fi.tilannekuva.TestPaths;
import fi.tilannekuva.TestSpark;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exports' CSV files are written in the driver by univocity with the settings Spark's CSV writer gives it: the
 * bytes are those Spark's own writer makes with the options the exports used to pass it, for the values that need
 * care (separators, quotes, line breaks inside a field, surrounding spaces, empty text against none, a leading '#').
 */
class CsvExportTest {

    private static final Path DIR = TestSpark.target().resolve("csv-export");

    @Test
    void theBytesAreThoseOfSparksOwnCsvWriter() throws IOException {
        TestPaths.deleteRecursively(DIR);
        Dataset<Row> rows = CsvExport.presentable(TestSpark.session(), TestSpark.frame(
                "text STRING, n BIGINT, i INT, x DOUBLE, ok BOOLEAN, day DATE, at TIMESTAMP, codes ARRAY<STRING>, "
                        + "counts MAP<STRING, BIGINT>",
                row("plain", 1L, 1, 1.0, true),
                row("a,b", -2L, 0, 0.1, false),
                row("a;b", 3_000_000_000L, -7, 12_345_678.9, null),
                row("say \"hi\"", null, null, -0.0, true),
                row("line 1\nline 2", 5L, 5, Double.NaN, true),
                row("line 1\r\nline 2", 6L, 6, 1e-7, true),
                row("  padded  ", 7L, 7, 2.5, true),
                row("", 8L, 8, null, true),
                row(null, 9L, 9, 3.0, true),
                row("Åland, Närpes – 10 €", 10L, 10, 4.0, true),
                row("#not a comment", 11L, 11, 5.0, true),
                row("\"", 12L, 12, 6.0, true),
                row("tab\there", 13L, 13, 7.0, true)), false);
        for (String[] format : List.of(new String[]{",", "\n"}, new String[]{";", "\r\n"})) {
            String name = format[0].equals(",") ? "comma" : "semicolon";
            Path ours = DIR.resolve(name + ".csv");
            assertEquals(13, CsvExport.write(rows, ours, format[0], format[1], false));
            byte[] spark = sparks(rows, DIR.resolve(name + "-spark"), format[0], format[1]);
            assertArrayEquals(spark, Files.readAllBytes(ours), name + ":\n" + Files.readString(ours));
        }
        // Quoted where a field holds the separator, a quote or a line break; quotes doubled (RFC 4180); text trimmed.
        String comma = Files.readString(DIR.resolve("comma.csv"));
        assertTrue(comma.contains("\n\"a,b\",-2,0,0.1,false,"), comma);
        assertTrue(comma.contains("\n\"say \"\"hi\"\"\",,,0,true,"), comma);
        assertTrue(comma.contains("\npadded,7,7,2.5,"), comma);
        // A first field starting with '#' is quoted, as univocity's comment character is left as Spark leaves it.
        assertTrue(comma.contains("\n\"#not a comment\",11,"), comma);

        Path marked = DIR.resolve("marked.csv");
        CsvExport.write(rows, marked, ";", "\r\n", true);
        byte[] withMark = Files.readAllBytes(marked);
        assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(withMark, 3));
        assertEquals(Files.readString(DIR.resolve("semicolon.csv")),
                new String(withMark, 3, withMark.length - 3, StandardCharsets.UTF_8));
    }

    @Test
    void smallTablesAreCollectedInOneJobLargeOnesAPartitionAtATime() throws TimeoutException {
        SparkSession spark = TestSpark.session();
        // Four partitions of a table of 64 bytes: collected at once, in order, one Spark job for the four.
        Dataset<Row> small = spark.range(0, 8, 1, 4).toDF("n");
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), longs(small, "small"));
        assertEquals(1, jobs("small"));
        // Read from 3,000,000 numbers (Spark sizes them at 8 bytes each: 24 MB, above the 16 MiB collected at once),
        // though only eight remain: streamed, a job per partition.
        assertTrue(3_000_000L * 8 >= CsvExport.COLLECTED_BELOW_BYTES);
        Dataset<Row> large = spark.range(0, 3_000_000, 1, 4).toDF("n").where(col("n").mod(375_000).equalTo(0));
        assertEquals(List.of(0L, 375_000L, 750_000L, 1_125_000L, 1_500_000L, 1_875_000L, 2_250_000L, 2_625_000L),
                longs(large, "large"));
        assertEquals(4, jobs("large"));
    }

    /** The numbers {@link CsvExport#inDriver} gives, its Spark jobs in job group {@code group}. */
    private static List<Long> longs(Dataset<Row> rows, String group) {
        SparkContext context = TestSpark.session().sparkContext();
        context.setJobGroup(group, group, false);
        try {
            List<Long> out = new ArrayList<>();
            CsvExport.inDriver(rows).forEachRemaining(r -> out.add(r.getLong(0)));
            return out;
        } finally {
            context.clearJobGroup();
        }
    }

    private static int jobs(String group) throws TimeoutException {
        SparkContext context = TestSpark.session().sparkContext();
        // The status tracker hears of jobs through the listener bus, after they ran: wait until it has heard of all.
        context.listenerBus().waitUntilEmpty(60_000);
        return context.statusTracker().getJobIdsForGroup(group).length;
    }

    private static Row row(String text, Long n, Integer i, Double x, Boolean ok) {
        if (n == null) {
            return RowFactory.create(text, null, i, x, ok, null, null, null, null);
        }
        Date day = Date.valueOf(String.format("2025-10-%02d", Math.floorMod(n, 28) + 1));
        return RowFactory.create(text, n, i, x, ok, day,
                Timestamp.valueOf(String.format("2025-12-31 23:59:%02d", Math.floorMod(n, 60))),
                List.of("OAB61", text == null ? "x" : text), Map.of("rows", n));
    }

    /** What Spark's CSV writer makes of {@code rows} with the options the exports passed it before. */
    private static byte[] sparks(Dataset<Row> rows, Path dir, String separator, String lineEnd) throws IOException {
        rows.coalesce(1).write().mode(SaveMode.Overwrite)
                .option("header", "true")
                .option("encoding", "UTF-8")
                .option("escape", "\"")
                .option("emptyValue", "")
                .option("sep", separator)
                .option("lineSep", lineEnd)
                .csv(dir.toString());
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> parts = s.filter(p -> p.getFileName().toString().startsWith("part-")).toList();
            assertEquals(1, parts.size(), parts.toString());
            return Files.readAllBytes(parts.get(0));
        }
    }
}
