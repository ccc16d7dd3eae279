package fi.tilannekuva.source;

/** How a source writes its part of a sample input root, in the format its reader expects. */
@FunctionalInterface
public interface SourceSamples {
    void write(SampleContext context);
}
