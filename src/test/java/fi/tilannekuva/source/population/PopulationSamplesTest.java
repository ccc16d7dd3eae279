package fi.tilannekuva.source.population;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PopulationSamplesTest {

    @Test
    void bandsAddUpToTheTotalAndTheOldToTheirCount() {
        // Itä-Uusimaa 2018 in THL's table: 97,258 residents, 20,945 of them aged 65 or more.
        long[][] bands = PopulationSamples.bands(97_258, 20_945);
        long total = 0;
        long old = 0;
        for (long[] sex : bands) {
            for (int b = 0; b < sex.length; b++) {
                total += sex[b];
                old += b >= 13 ? sex[b] : 0;
            }
        }
        // 36 rounded cells: each sum is off by at most half a person per cell.
        assertEquals(97_258, total, 18);
        assertEquals(20_945, old, 5);
    }
}
