package fi.tilannekuva.job;

import fi.tilannekuva.publish.CsvExport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The scratch folder of one command's Spark session, in the system's temporary directory: Spark's shuffle and spill
 * files hold silver's rows (person ids among them), so they never go inside the warehouse, which is backed up and
 * served. Removed when the command ends; a folder left by a killed process (its owner's pid no longer alive) is
 * removed by the next command, and so is the scratch folder that earlier versions kept under the warehouse.
 */
final class ScratchFolder {

    private static final String PREFIX = "tilannekuva-scratch-";
    private static final String OWNER = "owner.pid";

    private final Path path;

    private ScratchFolder(Path path) {
        this.path = path;
    }

    static ScratchFolder create(Path warehouse) {
        try {
            Path dir = Files.createTempDirectory(PREFIX);
            Files.writeString(dir.resolve(OWNER), String.valueOf(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
            removeAbandoned(dir.getParent());
            deleteRecursively(warehouse.toAbsolutePath().normalize().resolve("_tmp"));
            return new ScratchFolder(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Spark's scratch folder: " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    void delete() {
        deleteRecursively(path);
    }

    /** Scratch folders whose owning process is gone: a command killed before it could remove its own. */
    private static void removeAbandoned(Path tmp) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            for (Path dir : s.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList()) {
                Path owner = dir.resolve(OWNER);
                long pid = -1;
                try {
                    pid = Long.parseLong(Files.readString(owner, StandardCharsets.UTF_8).strip());
                } catch (IOException | NumberFormatException e) {
                    // No owner written yet: leave it, it may be a command starting right now.
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                deleteRecursively(dir);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            CsvExport.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
