package fi.tilannekuva.warehouse;

import fi.tilannekuva.TestSpark;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local file system without chmod and readlink processes gives what Hadoop's own gives. */
class LocalDiskTest {

    private static Configuration conf() {
        Configuration conf = new Configuration(false);
        conf.set("fs.file.impl", LocalDisk.class.getName());
        conf.set("fs.AbstractFileSystem.file.impl", LocalDisk.Context.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return conf;
    }

    @Test
    void permissionsAreTheOctalModesChmodWouldSet() {
        // 0644: owner read+write (4+2), group read (4), others read (4).
        assertEquals(PosixFilePermissions.fromString("rw-r--r--"), LocalDisk.posix(new FsPermission((short) 0644)));
        // 0755: owner read+write+execute (4+2+1), group and others read+execute (4+1).
        assertEquals(PosixFilePermissions.fromString("rwxr-xr-x"), LocalDisk.posix(new FsPermission((short) 0755)));
        assertEquals(PosixFilePermissions.fromString("-w---x---"), LocalDisk.posix(new FsPermission((short) 0210)));
    }

    @Test
    void filesAndFoldersGetTheSamePermissionsAsThroughHadoopsLocalFileSystem(@TempDir java.nio.file.Path dir)
            throws IOException {
        FileSystem ours = FileSystem.get(URI.create("file:///"), conf());
        Configuration plain = new Configuration(false);
        plain.setBoolean("fs.file.impl.disable.cache", true);
        FileSystem hadoops = FileSystem.get(URI.create("file:///"), plain);
        assertInstanceOf(LocalDisk.class, ours);
        assertFalse(hadoops instanceof LocalDisk);
        assertInstanceOf(LocalFileSystem.class, hadoops);

        for (FileSystem fs : new FileSystem[]{ours, hadoops}) {
            String name = fs == ours ? "ours" : "hadoops";
            assertTrue(fs.mkdirs(new Path(dir.resolve(name + "/a/b").toUri())));
            try (OutputStream out = fs.create(new Path(dir.resolve(name + "/a/b/f.txt").toUri()), true)) {
                out.write("x".getBytes(StandardCharsets.UTF_8));
            }
            fs.setPermission(new Path(dir.resolve(name + "/a/b").toUri()), new FsPermission((short) 0750));
        }
        for (String p : new String[]{"a", "a/b", "a/b/f.txt", "a/b/.f.txt.crc"}) {
            assertEquals(Files.getPosixFilePermissions(dir.resolve("hadoops/" + p)),
                    Files.getPosixFilePermissions(dir.resolve("ours/" + p)), p);
        }
        assertEquals(PosixFilePermissions.fromString("rwxr-x---"), Files.getPosixFilePermissions(dir.resolve("ours/a/b")));
    }

    @Test
    void linksAreReportedAsHadoopReportsThemAndARenameDoesNotOverwrite(@TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path target = Files.writeString(dir.resolve("target.json"), "{}");
        java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);
        // The raw file systems (under the checksums), where Hadoop's runs readlink: the same status of a link, a file
        // and a missing path, given as a plain path or as a file: URI (where Hadoop's readlink finds no link).
        LocalDisk.Raw ours = new LocalDisk.Raw();
        ours.initialize(URI.create("file:///"), conf());
        RawLocalFileSystem hadoops = new RawLocalFileSystem();
        hadoops.initialize(URI.create("file:///"), new Configuration(false));
        assertTrue(hadoops.getFileLinkStatus(new Path(link.toString())).isSymlink());
        for (Path p : new Path[]{new Path(link.toString()), new Path(link.toUri()), new Path(target.toString()),
                new Path(target.toUri())}) {
            FileStatus expected = hadoops.getFileLinkStatus(p);
            FileStatus actual = ours.getFileLinkStatus(p);
            assertEquals(expected.isSymlink(), actual.isSymlink(), p.toString());
            assertEquals(expected.isSymlink() ? expected.getSymlink() : null, actual.isSymlink() ? actual.getSymlink() : null);
            assertEquals(expected.isFile(), actual.isFile());
            assertEquals(expected.getLen(), actual.getLen());
            assertEquals(expected.getPath(), actual.getPath());
        }
        assertThrows(java.io.FileNotFoundException.class, () -> ours.getFileLinkStatus(new Path(dir.resolve("none").toUri())));

        // Delta commits a version by renaming a temporary file to it without overwriting: a second writer of the
        // same version must fail, not replace the first one's commit.
        FileContext context = FileContext.getFileContext(URI.create("file:///"), conf());
        java.nio.file.Path commit = Files.writeString(dir.resolve("00001.json"), "first");
        java.nio.file.Path other = Files.writeString(dir.resolve(".00001.json.tmp"), "second");
        assertThrows(FileAlreadyExistsException.class,
                () -> context.rename(new Path(other.toUri()), new Path(commit.toUri()), Options.Rename.NONE));
        assertEquals("first", Files.readString(commit));
        java.nio.file.Path next = dir.resolve("00002.json");
        context.rename(new Path(other.toUri()), new Path(next.toUri()), Options.Rename.NONE);
        assertEquals("second", Files.readString(next));
    }

    @Test
    void theSessionWritesThroughIt() throws IOException {
        // conf/application.conf names it for file:, and the test session starts from those settings.
        assertInstanceOf(LocalDisk.class,
                FileSystem.get(URI.create("file:///"), TestSpark.session().sparkContext().hadoopConfiguration()));
    }
}
