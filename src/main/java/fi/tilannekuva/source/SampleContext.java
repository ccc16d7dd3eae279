package fi.tilannekuva.source;

import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.period.Quarter;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a source's sample writer is given by the sample generator: where to write, Statistics Finland's and THL's
 * reference files, the one random sequence every writer draws from in turn, the quarters, the scale (a national
 * quarter has contacts only, for benchmarks), the configuration, each area's size and the municipalities chosen.
 *
 * @param areaPopulation per area, its residents and those aged 65 or more in 2018 (THL's need-coefficient table)
 * @param municipalities per area, the key rows {code, name, area, line} of the municipalities the sample uses
 */
public record SampleContext(Path reference, Path out, SplittableRandom random, List<Quarter> quarters,
                            boolean national, int contactsPerQuarter, AppConfig config,
                            Map<String, double[]> areaPopulation, Map<String, List<String[]>> municipalities) {
}
