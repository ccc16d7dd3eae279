package fi.tilannekuva.source.avohilmo;

import fi.tilannekuva.TestSpark;
import fi.tilannekuva.gold.TestComparisonRows;
import fi.tilannekuva.period.Quarter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OabGuidanceCountsTest {

    private static final List<String> FOLLOWED = List.of("OAB61", "OAB62", "OAB63", "OAB64");
    private static final Timestamp LOADED = Timestamp.valueOf("2026-01-15 10:00:00");

    private static Row contact(String id, String tnro, String area, String period, boolean isContact, long line) {
        // Ages 41, 42, ... by line (contact 1 of client A at 44, contact 2 at 45: A turned 45 in between).
        return RowFactory.create(id, tnro, area, period, isContact, LOADED, "visits/avohilmo_202510.csv", line,
                Timestamp.valueOf(java.time.LocalDateTime.of(2025, 10, 1, 8, 0).plusDays(line)),
                (int) (42 + line), 1);
    }

    @Test
    void contactsAndDistinctClientsByHand() {
        StructType contactSchema = StructType.fromDDL("avohilmo_id STRING, tnro STRING, area_code STRING, period STRING, is_contact BOOLEAN, loaded_at TIMESTAMP, source_file STRING, line BIGINT, started_at TIMESTAMP, age INT, sex INT");
        Dataset<Row> contacts = TestSpark.session().createDataFrame(List.of(
                contact("1", "A", "08", "2025Q4", true, 2),
                contact("2", "A", "08", "2025Q4", true, 3),
                contact("3", "B", "08", "2025Q4", true, 4),
                contact("4", "A", "19", "2025Q4", true, 5),   // A moved from 08 to 19
                contact("5", "C", "19", "2025Q4", false, 6),  // cancelled or another visitor group
                contact("6", "D", "19", "2025Q3", true, 7),   // another quarter
                contact("7", "E", "19", "2025Q4", true, 8),   // no followed code
                contact("8", "F", "08", "2025Q4", true, 9),   // an exact duplicate ...
                contact("8", "F", "08", "2025Q4", true, 10),  // ... counted once
                contact("9", "G", "12", "2025Q4", true, 11)), contactSchema);
        StructType procedureSchema = StructType.fromDDL("avohilmo_id STRING, code STRING");
        Dataset<Row> procedures = TestSpark.session().createDataFrame(List.of(
                RowFactory.create("1", "OAB63"), RowFactory.create("1", "OAB63"),  // twice on one contact
                RowFactory.create("2", "OAB63"), RowFactory.create("2", "OAB61"),
                RowFactory.create("3", "OAB64"),
                RowFactory.create("4", "OAB63"),
                RowFactory.create("5", "OAB63"),
                RowFactory.create("6", "OAB63"),
                RowFactory.create("7", "SPAT1006"),
                RowFactory.create("8", "OAB62"),
                RowFactory.create("9", "OAB65")), procedureSchema);  // not followed

        Dataset<Row> counts = OabGuidanceCounts.count(contacts, procedures, FOLLOWED, Quarter.parse("2025Q4"));

        StructType out = StructType.fromDDL("area_code STRING, measure_id STRING, numerator BIGINT");
        Dataset<Row> expected = TestSpark.session().createDataFrame(List.of(
                // 08: OAB63 on contacts 1 and 2, both client A; OAB61 on 2; OAB64 on 3 (B); OAB62 on 8 (F).
                RowFactory.create("08", "oab63_contacts", 2L), RowFactory.create("08", "oab63_clients", 1L),
                RowFactory.create("08", "oab61_contacts", 1L), RowFactory.create("08", "oab61_clients", 1L),
                RowFactory.create("08", "oab64_contacts", 1L), RowFactory.create("08", "oab64_clients", 1L),
                RowFactory.create("08", "oab62_contacts", 1L), RowFactory.create("08", "oab62_clients", 1L),
                // any code in 08: contacts {1,2,3,8} = 4, clients {A,B,F} = 3.
                RowFactory.create("08", "oab_any_contacts", 4L), RowFactory.create("08", "oab_any_clients", 3L),
                // 19: only contact 4 of the moved client A counts (5 is not a contact, 6 is in Q3, 7 has no code).
                RowFactory.create("19", "oab63_contacts", 1L), RowFactory.create("19", "oab63_clients", 1L),
                RowFactory.create("19", "oab_any_contacts", 1L), RowFactory.create("19", "oab_any_clients", 1L),
                // Country: OAB63 on {1,2,4} = 3 contacts by one client A (the areas' clients sum to 2).
                RowFactory.create("SSS", "oab63_contacts", 3L), RowFactory.create("SSS", "oab63_clients", 1L),
                RowFactory.create("SSS", "oab61_contacts", 1L), RowFactory.create("SSS", "oab61_clients", 1L),
                RowFactory.create("SSS", "oab62_contacts", 1L), RowFactory.create("SSS", "oab62_clients", 1L),
                RowFactory.create("SSS", "oab64_contacts", 1L), RowFactory.create("SSS", "oab64_clients", 1L),
                // Any code: {1,2,3,4,8} = 5 contacts; clients {A,B,F} = 3, not 3 + 1 = 4.
                RowFactory.create("SSS", "oab_any_contacts", 5L), RowFactory.create("SSS", "oab_any_clients", 3L)), out);
        TestSpark.assertSameRows(expected, counts);

        // Strata for standardised rates: a contact in its own age band, a client in the band of their latest
        // contact in the area — A was 44 at contact 1 and 45 at contact 2, so A is one client aged 45-49 in 08.
        List<String> strata = OabGuidanceCounts.countByStratum(contacts, OabGuidanceCounts.guidedCodes(procedures, FOLLOWED),
                        Quarter.parse("2025Q4"))
                .where("area_code = '08' AND measure_id LIKE 'oab63%'").orderBy("measure_id", "age_group")
                .collectAsList().stream().map(r -> r.getAs("measure_id") + " " + r.getAs("sex") + "/"
                        + r.getAs("age_group") + " " + r.getAs("observed")).toList();
        assertEquals(List.of("oab63_clients 1/45-49 1", "oab63_contacts 1/40-44 1", "oab63_contacts 1/45-49 1"), strata);
    }

    @Test
    void measureIdsInCatalogueOrder() {
        assertEquals(List.of("oab61_contacts", "oab61_clients", "oab62_contacts", "oab62_clients",
                        "oab_any_contacts", "oab_any_clients"),
                OabGuidanceCounts.measureIds(List.of("OAB61", "OAB62")));
    }

    @Test
    void theCodesCoverOneMonthOf2025Q3AndNothingBefore() {
        Dataset<Row> rows = TestSpark.session().createDataFrame(List.of(
                        RowFactory.create("01", "oab61_contacts", 12.0, 1.2), RowFactory.create("01", "oab61_clients", 0.0, 0.0)),
                        StructType.fromDDL("area_code STRING, measure_id STRING, numerator DOUBLE, value DOUBLE"))
                .transform(TestComparisonRows::base);
        java.time.LocalDate from = java.time.LocalDate.of(2025, 9, 1);
        // 2025Q3 is July–September; the codes were recorded from 1 September: 1 of 3 months, partial.
        Row q3 = OabGuidanceCounts.coverage(rows, new Quarter(2025, 3), from).orderBy("measure_id").first();
        assertEquals(true, q3.getAs("partial_period"));
        assertEquals("1 of 3 months: the OAB codes are recorded from 1.9.2025", q3.getAs("coverage_note"));
        assertEquals(0.0, q3.<Double>getAs("numerator"), 0.0, "a partial zero is still a zero");
        // 2025Q2 ends before the codes: no figures, with the reason, never zeros.
        List<Row> q2 = OabGuidanceCounts.coverage(rows, new Quarter(2025, 2), from).collectAsList();
        for (Row r : q2) {
            assertTrue(r.isNullAt(r.fieldIndex("numerator")));
            assertTrue(r.isNullAt(r.fieldIndex("value")));
            assertEquals("the OAB codes are recorded from 1.9.2025: no figures before", r.getAs("no_data_reason"));
        }
        // 2025Q4 is whole.
        Row q4 = OabGuidanceCounts.coverage(rows, new Quarter(2025, 4), from).first();
        assertEquals(false, q4.getAs("partial_period"));
        assertTrue(q4.isNullAt(q4.fieldIndex("coverage_note")));
    }
}
