package fi.tilannekuva.source;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What every source's sample writer shares: files written and read as the input root holds them (folders made as
 * needed, a line ending of {@code \\n}), and a weighted draw from the generator's one random sequence.
 */
public final class SampleFiles {

    private SampleFiles() {
    }

    public static BufferedWriter writer(Path path, Charset cs) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.newBufferedWriter(path, cs);
    }

    /** Writes {@code lines}, each ended by a newline, in {@code cs}. */
    public static void write(Path path, List<String> lines, Charset cs) {
        try (BufferedWriter w = writer(path, cs)) {
            for (String l : lines) {
                w.write(l + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} as it is, in UTF-8. */
    public static void write(Path path, String text) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a UTF-8 reference file. */
    public static List<String> lines(Path path) {
        try {
            return Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** An index drawn with probability {@code weights[i] / sum}. */
    public static int pick(SplittableRandom random, double[] weights, double sum) {
        double r = random.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
