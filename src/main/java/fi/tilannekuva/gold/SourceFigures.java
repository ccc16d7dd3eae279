package fi.tilannekuva.gold;

import fi.tilannekuva.area.MunicipalityLookup;
import fi.tilannekuva.period.Quarter;

/**
 * How a source computes its gold rows in a refresh: it writes its own tables through {@code stage} and hands its
 * {@code comparison} rows to {@link GoldStage#addComparison}, which writes every source's in one commit.
 */
@FunctionalInterface
public interface SourceFigures {

    /**
     * @param population the residents that rates of {@code quarter} are divided by, read once for every source
     * @param lookup     municipality codes to areas, by the key of a figure's year
     */
    void compute(GoldStage stage, Quarter quarter, QuarterPopulation population, MunicipalityLookup lookup);
}
