package fi.tilannekuva.area;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import fi.tilannekuva.input.InputException;
import fi.tilannekuva.input.InputFile;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads Statistics Finland municipality keys ({@code kuntanumero, ..., hyvinvointialue_code, ...}) from
 * {@code reference/municipalities_<YYYY>.csv}. The key is the backbone of area resolution, so a broken
 * key row stops the run with the file and line named instead of being quarantined.
 */
public final class MunicipalityKeyReader {

    /** The file names of the input root's keys. */
    public static final Pattern INPUT_FILE = Pattern.compile("municipalities_(\\d{4})\\.csv", Pattern.CASE_INSENSITIVE);

    private static final List<String> REQUIRED = List.of("kuntanumero", "hyvinvointialue_code");

    private MunicipalityKeyReader() {
    }

    /** Every key in {@code dir} whose file name matches {@code pattern} (group 1 = the year). */
    public static MunicipalityKeys readDirectory(Path root, Path dir, Pattern pattern) {
        Map<Integer, Map<String, MunicipalityKeys.Entry>> byYear = new TreeMap<>();
        Map<String, String> hashes = new TreeMap<>();
        files(dir, pattern).forEach((year, path) -> {
            InputFile file = InputFile.inspect(root, path);
            hashes.put(file.name(), file.sha256());
            byYear.put(year, read(file, path, year));
        });
        return new MunicipalityKeys(byYear, hashes);
    }

    /** The key files in {@code dir} whose names match {@code pattern}, by the year its group 1 captures. */
    public static Map<Integer, Path> files(Path dir, Pattern pattern) {
        Map<Integer, Path> files = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.forEach(p -> {
                    Matcher m = pattern.matcher(p.getFileName().toString());
                    if (m.matches()) {
                        files.put(Integer.parseInt(m.group(1)), p);
                    }
                });
            } catch (IOException e) {
                throw new InputException(dir + ": cannot list directory (" + e.getMessage() + ")", e);
            }
        }
        return files;
    }

    static Map<String, MunicipalityKeys.Entry> read(InputFile file, Path path, int year) {
        CsvParserSettings settings = new CsvParserSettings();
        settings.setHeaderExtractionEnabled(false);
        settings.setLineSeparatorDetectionEnabled(true);
        CsvParser parser = new CsvParser(settings);
        Map<String, MunicipalityKeys.Entry> entries = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(path, java.nio.charset.Charset.forName(file.charset()))) {
            List<String[]> rows = parser.parseAll(reader);
            if (rows.isEmpty()) {
                throw new InputException(file.name() + ": empty municipality key");
            }
            List<String> header = Arrays.stream(rows.get(0)).map(h -> h == null ? "" : h.strip().replace("\uFEFF", ""))
                    .toList();
            for (String col : REQUIRED) {
                if (!header.contains(col)) {
                    throw new InputException(file.name() + ": missing required column " + col);
                }
            }
            int muni = header.indexOf("kuntanumero");
            int area = header.indexOf("hyvinvointialue_code");
            int fi = header.indexOf("municipality_name_fi");
            int sv = header.indexOf("municipality_name_sv");
            int en = header.indexOf("municipality_name_en");
            for (int i = 1; i < rows.size(); i++) {
                String[] r = rows.get(i);
                int line = i + 1;
                String code = MunicipalityKeys.normalise(at(r, muni)).orElseThrow(() -> new InputException(
                        file.name() + ": line " + line + ": kuntanumero '" + at(r, muni) + "' is not a municipality code"));
                String areaCode = normaliseArea(at(r, area)).orElseThrow(() -> new InputException(
                        file.name() + ": line " + line + ": hyvinvointialue_code '" + at(r, area) + "' is not an area code"));
                entries.put(code, new MunicipalityKeys.Entry(year, code, at(r, fi), at(r, sv), at(r, en), areaCode));
            }
        } catch (IOException e) {
            throw new InputException(file.name() + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return entries;
    }

    private static java.util.Optional<String> normaliseArea(String code) {
        if (code == null) {
            return java.util.Optional.empty();
        }
        String c = code.strip();
        if (c.isEmpty() || c.length() > 2 || !c.chars().allMatch(Character::isDigit)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(c.length() == 1 ? "0" + c : c);
    }

    private static String at(String[] row, int i) {
        return i >= 0 && i < row.length && row[i] != null ? row[i].strip() : null;
    }
}
