package fi.tilannekuva.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One input file as the pipeline sees it before reading its rows: where it is, its name relative to the
 * input root (used in lineage and messages), its SHA-256, and its character set — UTF-8 when every byte
 * sequence is valid UTF-8, otherwise ISO-8859-1, because Finnish register extracts still arrive in latin-1.
 */
public record InputFile(Path path, String name, String sha256, String charset, long bytes, boolean utf8Bom) {

    public static final String UTF_8 = "UTF-8";
    public static final String LATIN_1 = "ISO-8859-1";

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
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        boolean valid = true;
        boolean bom = false;
        long total = 0;
        byte[] chunk = new byte[1 << 16];
        // Room for a chunk plus the up to three bytes of a character cut at the previous chunk's end.
        ByteBuffer in = ByteBuffer.allocate(chunk.length + 8);
        CharBuffer out = CharBuffer.allocate(chunk.length);
        try (InputStream s = Files.newInputStream(path)) {
            int n;
            while ((n = s.read(chunk)) > 0) {
                sha.update(chunk, 0, n);
                if (total == 0 && n >= 3 && (chunk[0] & 0xff) == 0xEF && (chunk[1] & 0xff) == 0xBB
                        && (chunk[2] & 0xff) == 0xBF) {
                    bom = true;
                }
                total += n;
                if (valid) {
                    in.put(chunk, 0, n).flip();
                    valid = decode(utf8, in, out, false);
                    in.compact();
                }
            }
            if (valid) {
                in.flip();
                valid = decode(utf8, in, out, true);
            }
        } catch (IOException e) {
            throw new InputException(relative(root, path) + ": file cannot be read (" + e.getMessage() + ")", e);
        }
        return new InputFile(path, relative(root, path), HexFormat.of().formatHex(sha.digest()),
                valid ? UTF_8 : LATIN_1, total, bom);
    }

    private static boolean decode(CharsetDecoder decoder, ByteBuffer in, CharBuffer out, boolean end) {
        while (true) {
            out.clear();
            CoderResult r = decoder.decode(in, out, end);
            if (r.isError()) {
                return false;
            }
            if (r.isUnderflow()) {
                return !end || !in.hasRemaining();
            }
        }
    }

    public static String relative(Path root, Path path) {
        Path rel = root == null ? path.getFileName() : root.toAbsolutePath().normalize()
                .relativize(path.toAbsolutePath().normalize());
        return rel.toString().replace('\\', '/');
    }
}
