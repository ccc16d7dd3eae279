package fi.tilannekuva.source;

import fi.tilannekuva.input.InputException;
import fi.tilannekuva.quality.FileLoad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every entry of the input root's source folders that no source reads — a name that matches no source's pattern,
 * a folder, a link that cannot be followed — with the reason, so that nothing under the input root is skipped
 * without a word. Entries at the root that are not source folders are listed too.
 */
public final class InputInventory {

    private InputInventory() {
    }

    /**
     * The entries no source reads. {@code patterns} are the file-name patterns of each source folder (relative to
     * {@code root}, e.g. {@code visits} or {@code indicators/data}); names are matched ignoring case.
     */
    public static List<FileLoad> ignored(Path root, Map<String, List<Pattern>> patterns) {
        Set<String> folders = new LinkedHashSet<>(patterns.keySet());
        // A parent of a source folder (indicators for indicators/data) is a folder the root holds too.
        for (String f : patterns.keySet()) {
            for (int i = f.indexOf('/'); i > 0; i = f.indexOf('/', i + 1)) {
                folders.add(f.substring(0, i));
            }
        }
        List<FileLoad> ignored = new ArrayList<>();
        Map<String, List<Pattern>> byFolder = new LinkedHashMap<>();
        folders.forEach(f -> byFolder.put(f, patterns.getOrDefault(f, List.of())));
        byFolder.put("", List.of());
        for (Map.Entry<String, List<Pattern>> folder : byFolder.entrySet()) {
            Path dir = folder.getKey().isEmpty() ? root : root.resolve(folder.getKey());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            for (Path entry : list(dir)) {
                String name = entry.getFileName().toString();
                String relative = folder.getKey().isEmpty() ? name : folder.getKey() + "/" + name;
                if (folders.contains(relative)) {
                    continue;
                }
                String reason = reason(entry, name, folder.getKey(), folder.getValue(), folders);
                if (reason != null) {
                    ignored.add(FileLoad.ignored(folder.getKey().isEmpty() ? "input root" : folder.getKey(),
                            relative, reason));
                }
            }
        }
        return ignored;
    }

    /** Why {@code entry} is not read, or null when a source reads it. */
    private static String reason(Path entry, String name, String folder, List<Pattern> patterns, Set<String> folders) {
        boolean link = Files.isSymbolicLink(entry);
        if (link && !Files.exists(entry)) {
            return "a link that cannot be followed (a loop or a missing target)";
        }
        if (Files.isDirectory(entry)) {
            return folder.isEmpty()
                    ? "a folder that is not a source folder (expected " + String.join(", ", topFolders(folders)) + ")"
                    : "a folder; files of this source are read from " + folder + "/ itself";
        }
        if (!Files.isRegularFile(entry)) {
            return "not a regular file";
        }
        if (folder.isEmpty()) {
            return "a file at the input root; files are read from the source folders ("
                    + String.join(", ", topFolders(folders)) + ")";
        }
        for (Pattern p : patterns) {
            if (p.matcher(name).matches()) {
                return null;
            }
        }
        return "the name matches no file of this folder ("
                + patterns.stream().map(Pattern::pattern).collect(Collectors.joining(", ")) + ", ignoring case)";
    }

    private static List<String> topFolders(Set<String> folders) {
        return folders.stream().filter(f -> !f.contains("/")).toList();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
    }
}
