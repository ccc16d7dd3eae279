package fi.tilannekuva.quality;

import fi.tilannekuva.warehouse.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadMarkersTest {

    private static final Timestamp AT = Timestamp.valueOf("2026-01-15 10:00:00");

    @Test
    void aTableKeepsItsMarkerUntilEveryKeyWrittenIntoItIsRecordedForItsSource(@TempDir Path warehouse) throws Exception {
        LoadMarkers markers = new LoadMarkers(warehouse);
        assertFalse(markers.anyOn(Layer.BRONZE, "visits"));

        // A run writes two files' rows into bronze (by content hash) and silver (by name), and is killed.
        markers.writing("r1", Layer.BRONZE, "visits", List.of("h1", "h2"));
        markers.writing("r1", Layer.SILVER, "visits", List.of("a.csv", "b.csv"));
        assertTrue(markers.anyOn(Layer.BRONZE, "visits"));
        assertTrue(markers.anyOn(Layer.SILVER, "visits"));
        assertFalse(markers.anyOn(Layer.BRONZE, "trays"), "another table");
        assertFalse(markers.anyOn(Layer.GOLD, "visits"), "another layer");

        // Recorded for another source, or by a key of the other layer's kind: nothing leaves the markers.
        markers.recorded(List.of(entry("trays", "a.csv", "h1"), entry("visits", "h1", "a.csv")));
        assertEquals(2, files(warehouse));

        // The next run loads a.csv again (content h1) and records it: bronze's h2 and silver's b.csv are still
        // unaccounted for, so both tables keep a marker.
        markers.recorded(List.of(entry("visits", "a.csv", "h1")));
        assertTrue(markers.anyOn(Layer.BRONZE, "visits"));
        assertTrue(markers.anyOn(Layer.SILVER, "visits"));
        assertTrue(Files.readString(warehouse.resolve("_runs/loading/r1.bronze.visits.keys")).contains("h2"));
        assertFalse(Files.readString(warehouse.resolve("_runs/loading/r1.bronze.visits.keys")).contains("h1"));

        // b.csv recorded with another content (a corrected file): silver's key is its name, bronze's the old content.
        markers.recorded(List.of(entry("visits", "b.csv", "h3")));
        assertFalse(markers.anyOn(Layer.SILVER, "visits"));
        assertTrue(markers.anyOn(Layer.BRONZE, "visits"));
        markers.recorded(List.of(entry("visits", "renamed.csv", "h2")));
        assertFalse(markers.anyOn(Layer.BRONZE, "visits"));
        assertEquals(0, files(warehouse));
    }

    @Test
    void aMarkerBeingReplacedIsNeverSeenHalfWritten(@TempDir Path warehouse) throws Exception {
        LoadMarkers markers = new LoadMarkers(warehouse);
        // What a run killed while writing its marker leaves: the temporary file, which is no marker.
        Files.createDirectories(warehouse.resolve("_runs/loading"));
        Files.writeString(warehouse.resolve("_runs/loading/r0.bronze.visits.keys.tmp"), "layer=BRO");
        assertFalse(markers.anyOn(Layer.BRONZE, "visits"));
        markers.writing("r1", Layer.BRONZE, "visits", List.of("a b=c:d\\e"));
        markers.recorded(List.of(entry("visits", "x.csv", "a b=c:d\\e")));
        assertFalse(markers.anyOn(Layer.BRONZE, "visits"), "a key with the characters properties escape");
    }

    private static IngestionLog.Entry entry(String source, String file, String sha256) {
        return new IngestionLog.Entry(source, file, sha256, 10, 0, AT, null);
    }

    private static long files(Path warehouse) throws Exception {
        try (Stream<Path> s = Files.list(warehouse.resolve("_runs/loading"))) {
            return s.filter(p -> p.toString().endsWith(".keys")).count();
        }
    }
}
