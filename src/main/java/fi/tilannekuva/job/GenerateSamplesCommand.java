package fi.tilannekuva.job;

import fi.tilannekuva.config.ConfigLoader;
import fi.tilannekuva.period.Quarter;
import fi.tilannekuva.samples.SampleGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code generate-samples}: writes a sample or national-scale input root (see {@link SampleGenerator}). */
@Command(name = "generate-samples", mixinStandardHelpOptions = true,
        description = "Write a realistic input root: the small data-samples/ or a national-scale quarter.")
final class GenerateSamplesCommand implements Callable<Integer> {

    @Option(names = "--reference", required = true, paramLabel = "DIR",
            description = "Directory with Statistics Finland's keys (municipality_to_hva_<YYYY>.csv) and THL's thl_tarvekertoimet_hva_2018.csv.")
    Path reference;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The input root to write.")
    Path out;

    @Option(names = "--seed", defaultValue = "5", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--contacts", paramLabel = "N",
            description = "Contacts per quarter (default 1000, or 7500000 with --scale national).")
    Integer contacts;

    @Option(names = "--quarters", defaultValue = "2025Q4", split = ",", paramLabel = "YYYYQn[,...]",
            description = "Quarters to generate (default ${DEFAULT-VALUE}).")
    String[] quarters;

    @Option(names = "--scale", defaultValue = "sample", description = "sample (edge cases, a few municipalities per area) or national (every municipality).")
    String scale;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        boolean national = switch (scale) {
            case "sample" -> false;
            case "national" -> true;
            default -> throw new IllegalArgumentException("--scale must be sample or national, was " + scale);
        };
        List<Quarter> qs = Arrays.stream(quarters).map(Quarter::parse).sorted().toList();
        int n = contacts != null ? contacts : national ? 7_500_000 : 1000;
        new SampleGenerator(new SampleGenerator.Options(reference, out, seed, n, qs, national,
                ConfigLoader.load(null))).generate();
        spec.commandLine().getOut().printf("wrote %s sample input of %d contacts per quarter for %s to %s%n",
                national ? "a national" : "the", n, qs, out.toAbsolutePath().normalize());
        return ExitCode.OK;
    }
}
