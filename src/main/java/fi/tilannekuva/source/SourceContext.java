package fi.tilannekuva.source;

import fi.tilannekuva.area.AreaResolver;
import fi.tilannekuva.area.MunicipalityLookup;
import fi.tilannekuva.config.AppConfig;
import fi.tilannekuva.config.Area;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a source needs to say how its files are read: the configuration, the municipality key of the run, the areas,
 * and a silver table as it stands when the rows are checked (need factors against the loaded need model, traffic
 * rows against the tray registry).
 */
public record SourceContext(AppConfig config, MunicipalityLookup lookup, Function<String, Optional<Dataset<Row>>> silver) {

    public AreaResolver resolver() {
        return new AreaResolver(config.catalogue().areas());
    }

    public List<String> areaCodes() {
        return config.catalogue().areas().stream().map(Area::code).toList();
    }

    /** The areas that receive needs-based funding. */
    public List<String> fundedCodes() {
        return config.catalogue().areas().stream().filter(Area::funded).map(Area::code).toList();
    }

    /** Silver table {@code table} when its rows are read, not when the source is declared. */
    public Supplier<Optional<Dataset<Row>>> silverTable(String table) {
        return () -> silver.apply(table);
    }
}
