package fi.tilannekuva.input;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One input file as the pipeline sees it before reading its rows: where it is, its name relative to the input root
 * (used in lineage and messages), its SHA-256, and its character set — UTF-8 when its bytes hold a valid multi-byte
 * UTF-8 sequence or none that is invalid (lines with invalid bytes are then quarantined one by one), ISO-8859-1 only
 * when no multi-byte sequence is valid UTF-8, because Finnish register extracts still arrive in latin-1. A file with
 * NUL bytes or mostly control characters is {@code binary}: not a text file at all.
 */
public record InputFile(Path path, String name, String sha256, String charset, long bytes, boolean utf8Bom,
                        long validMultiByte, long invalidUtf8, boolean binary) {

    public static final String UTF_8 = "UTF-8";
    public static final String LATIN_1 = "ISO-8859-1";
    /** How much of the start of a file is looked at to tell text from binary. */
    private static final int SNIFF = 1 << 16;

    /** Reads the file once: hash and encoding together, so large extracts are not read twice here. */
    public static InputFile inspect(Path root, Path path) {
        if (!Files.isReadable(path)) {
            throw new InputException(relative(root, path) + ": file cannot be read");
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Utf8Scan scan = new Utf8Scan();
        boolean bom = false;
        long total = 0;
        long control = 0;
        boolean nul = false;
        byte[] chunk = new byte[1 << 16];
        try (InputStream s = Files.newInputStream(path)) {
            int n;
            while ((n = s.read(chunk)) > 0) {
                sha.update(chunk, 0, n);
                if (total == 0 && n >= 3 && (chunk[0] & 0xff) == 0xEF && (chunk[1] & 0xff) == 0xBB
                        && (chunk[2] & 0xff) == 0xBF) {
                    bom = true;
                }
                for (int i = 0; total + i < SNIFF && i < n; i++) {
                    int b = chunk[i] & 0xff;
                    nul |= b == 0;
                    if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
                        control++;
                    }
                }
                scan.accept(chunk, n);
                total += n;
            }
            scan.end();
        } catch (IOException e) {
            throw new InputException(relative(root, path) + ": file cannot be read (" + e.getMessage() + ")", e);
        }
        boolean binary = nul || control * 10 > Math.min(total, SNIFF);
        String charset = scan.invalid == 0 || scan.validMultiByte > 0 ? UTF_8 : LATIN_1;
        return new InputFile(path, relative(root, path), HexFormat.of().formatHex(sha.digest()), charset, total, bom,
                scan.validMultiByte, scan.invalid, binary);
    }

    /** Which encoding was chosen and why, for the run's summary. */
    public String charsetNote() {
        if (charset.equals(LATIN_1)) {
            return LATIN_1 + ": " + invalidUtf8 + " bytes not valid UTF-8, no multi-byte UTF-8 character";
        }
        if (invalidUtf8 > 0) {
            return UTF_8 + ": " + validMultiByte + " multi-byte characters, " + invalidUtf8
                    + " invalid sequences (their lines quarantined)";
        }
        return UTF_8;
    }

    /** Counts valid multi-byte UTF-8 sequences and invalid ones, byte by byte, across chunk boundaries. */
    private static final class Utf8Scan {
        private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final long HIGH_BITS = 0x8080808080808080L;
        long validMultiByte;
        long invalid;
        private int need;
        private int lower = 0x80;
        private int upper = 0xBF;

        /**
         * The first {@code n} bytes of {@code chunk}. Outside a multi-byte sequence, runs of ASCII are skipped eight
         * bytes at a time: extracts are mostly ASCII, and this scan would otherwise cost more than the hash.
         */
        void accept(byte[] chunk, int n) {
            int i = 0;
            while (i < n) {
                if (need == 0) {
                    while (i + Long.BYTES <= n && ((long) EIGHT_BYTES.get(chunk, i) & HIGH_BITS) == 0) {
                        i += Long.BYTES;
                    }
                    if (i == n) {
                        return;
                    }
                }
                accept(chunk[i++] & 0xff);
            }
        }

        void accept(int b) {
            if (need > 0) {
                if (b >= lower && b <= upper) {
                    lower = 0x80;
                    upper = 0xBF;
                    if (--need == 0) {
                        validMultiByte++;
                    }
                    return;
                }
                invalid++;
                need = 0;
                lower = 0x80;
                upper = 0xBF;
            }
            if (b < 0x80) {
                return;
            }
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                lower = b == 0xE0 ? 0xA0 : 0x80;
                upper = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                lower = b == 0xF0 ? 0x90 : 0x80;
                upper = b == 0xF4 ? 0x8F : 0xBF;
            } else {
                invalid++;
            }
        }

        void end() {
            if (need > 0) {
                invalid++;
            }
        }
    }

    public static String relative(Path root, Path path) {
        Path rel = root == null ? path.getFileName() : root.toAbsolutePath().normalize()
                .relativize(path.toAbsolutePath().normalize());
        return rel.toString().replace('\\', '/');
    }
}
