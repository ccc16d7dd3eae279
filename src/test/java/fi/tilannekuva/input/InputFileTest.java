package fi.tilannekuva.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputFileTest {

    @Test
    void latin1IsDetectedWhereBytesAreNotUtf8(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("visits/latin1.csv");
        Files.createDirectories(f.getParent());
        Files.write(f, "Mäntyharju;Närpiö;Åland\n".getBytes(StandardCharsets.ISO_8859_1));
        InputFile file = InputFile.inspect(dir, f);
        assertEquals(InputFile.LATIN_1, file.charset());
        assertEquals("visits/latin1.csv", file.name());
        assertEquals("Mäntyharju;Närpiö;Åland\n", Files.readString(f, java.nio.charset.Charset.forName(file.charset())));
    }

    @Test
    void utf8AndAsciiAreUtf8AndTheBomIsNoticed(@TempDir Path dir) throws IOException {
        Path utf8 = dir.resolve("u.csv");
        Files.writeString(utf8, "\uFEFFMäntyharju\n", StandardCharsets.UTF_8);
        InputFile u = InputFile.inspect(dir, utf8);
        assertEquals(InputFile.UTF_8, u.charset());
        assertTrue(u.utf8Bom());
        Path ascii = dir.resolve("a.csv");
        Files.writeString(ascii, "a;b\n", StandardCharsets.US_ASCII);
        assertEquals(InputFile.UTF_8, InputFile.inspect(dir, ascii).charset());
        assertFalse(InputFile.inspect(dir, ascii).utf8Bom());
    }

    @Test
    void aUtf8SequenceSplitAcrossReadBuffersIsStillUtf8(@TempDir Path dir) throws IOException {
        // 65535 ASCII bytes put the two bytes of "ä" on both sides of the 64 KiB read boundary; more than a
        // full buffer follows, so the cut character's second byte and the next chunk must fit together.
        Path f = dir.resolve("long.csv");
        Files.writeString(f, "x".repeat(65535) + "ä" + "y".repeat(200_000) + "\n", StandardCharsets.UTF_8);
        assertEquals(InputFile.UTF_8, InputFile.inspect(dir, f).charset());
    }

    @Test
    void multiByteSequencesAreCountedWhereverTheyFallInTheAsciiRuns(@TempDir Path dir) throws IOException {
        // ASCII is skipped eight bytes at a time, so each sequence is put at another offset within eight bytes:
        // "ä" (C3 A4) at 7, across the first eight; FF at 32; C3 cut short by "x" at 42; "€" (E2 82 AC) at 51;
        // E2 82 cut short by the end of the file at 62 (64 bytes: 7 + 2 + 23 + 1 + 9 + 1 + 1 + 7 + 3 + 8 + 2).
        byte[] bytes = concat(ascii(7), new byte[]{(byte) 0xC3, (byte) 0xA4}, ascii(23), new byte[]{(byte) 0xFF},
                ascii(9), new byte[]{(byte) 0xC3}, "x".getBytes(StandardCharsets.US_ASCII), ascii(7),
                new byte[]{(byte) 0xE2, (byte) 0x82, (byte) 0xAC}, ascii(8), new byte[]{(byte) 0xE2, (byte) 0x82});
        Path f = dir.resolve("mixed.csv");
        Files.write(f, bytes);
        InputFile file = InputFile.inspect(dir, f);
        assertEquals(64, file.bytes());
        assertEquals(2, file.validMultiByte(), "ä and €");
        assertEquals(3, file.invalidUtf8(), "FF, C3 before x, E2 82 at the end");
        assertEquals(InputFile.UTF_8, file.charset());
    }

    private static byte[] ascii(int n) {
        return "a".repeat(n).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void sha256OfKnownContent(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("abc.csv");
        Files.writeString(f, "abc", StandardCharsets.US_ASCII);
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                InputFile.inspect(dir, f).sha256());
    }

    @Test
    void aMissingFileNamesTheFile(@TempDir Path dir) {
        InputException e = assertThrows(InputException.class, () -> InputFile.inspect(dir, dir.resolve("visits/x.csv")));
        assertTrue(e.getMessage().startsWith("visits/x.csv"), e.getMessage());
    }
}
