package fi.tilannekuva.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text file cut into byte ranges that each begin at a line, with the index of that line: the ranges are read side by
 * side and each numbers its lines as it reads them, so no pass over the file counts the lines of the ranges before
 * it. Lines end where Hadoop's text format ends them — at a line feed, a carriage return and line feed, or a carriage
 * return alone — so the numbers are those it gives.
 */
final class LineRanges {

    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LINE_FEEDS = ONES * '\n';
    private static final long CARRIAGE_RETURNS = ONES * '\r';
    private static final int BUFFER = 1 << 20;

    private LineRanges() {
    }

    /** Bytes {@code start} (a line's first byte) to {@code end} of a file; its first line has index {@code firstLine}. */
    record Range(long start, long end, long firstLine) implements Serializable {
    }

    /**
     * {@code path} ({@code bytes} long) in ranges of about {@code rangeBytes} each, every one beginning at a line. A file
     * of one range is not read here; a longer one is read up to its last range's start, counting the lines before each.
     */
    static List<Range> of(Path path, long bytes, long rangeBytes) {
        int count = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (bytes + rangeBytes - 1) / rangeBytes));
        if (count == 1) {
            return List.of(new Range(0, bytes, 0));
        }
        long size = (bytes + count - 1) / count;
        List<Range> ranges = new ArrayList<>();
        long start = 0;
        long firstLine = 0;
        long boundary = size;
        // Line ends seen, and whether the last byte read was a carriage return, whose line end is where the next byte
        // is unless that byte is a line feed.
        long lineEnds = 0;
        boolean carriageReturn = false;
        byte[] buffer = new byte[BUFFER];
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long offset = 0;
            while (boundary < bytes) {
                int n = channel.read(ByteBuffer.wrap(buffer), offset);
                if (n < 0) {
                    break;
                }
                int i = 0;
                while (i < n && boundary < bytes) {
                    if (!carriageReturn) {
                        // Runs of eight bytes with no line end in them are skipped as one.
                        while (i + Long.BYTES <= n && !holdsLineEnd((long) EIGHT_BYTES.get(buffer, i))) {
                            i += Long.BYTES;
                        }
                        if (i == n) {
                            break;
                        }
                    }
                    byte b = buffer[i];
                    // Where a line begins, when this byte shows it: at this byte after a lone carriage return, after
                    // this byte when it is a line feed.
                    long lineStart = -1;
                    if (carriageReturn && b != '\n') {
                        lineEnds++;
                        lineStart = offset + i;
                    }
                    carriageReturn = b == '\r';
                    if (b == '\n') {
                        lineEnds++;
                        lineStart = offset + i + 1;
                    }
                    if (lineStart >= boundary && lineStart < bytes) {
                        ranges.add(new Range(start, lineStart, firstLine));
                        start = lineStart;
                        firstLine = lineEnds;
                        while (boundary <= lineStart) {
                            boundary += size;
                        }
                    }
                    i++;
                }
                offset += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ranges.add(new Range(start, bytes, firstLine));
        return ranges;
    }

    /** Whether any of the eight bytes of {@code word} is a line feed or a carriage return. */
    private static boolean holdsLineEnd(long word) {
        return (zeroByte(word ^ LINE_FEEDS) | zeroByte(word ^ CARRIAGE_RETURNS)) != 0;
    }

    /** Non-zero when a byte of {@code word} is zero (exact: no false positives from borrows). */
    private static long zeroByte(long word) {
        return ~(((word & ~HIGH_BITS) + ~HIGH_BITS) | word | ~HIGH_BITS);
    }

    /**
     * The lines of one {@link Range}, one at a time: each in {@link #buffer} from {@link #lineOffset} for
     * {@link #lineLength} bytes (without its line end), with its byte offset in the file and its index.
     */
    static final class Cursor implements Closeable {
        private final FileChannel channel;
        private final long end;
        private byte[] buffer;
        /** The file offset of {@code buffer[0]}. */
        private long bufferStart;
        private int limit;
        private int position;
        private long nextIndex;
        private int lineOffset;
        private int lineLength;
        private long lineIndex;

        Cursor(Path path, Range range) {
            this(path, range, BUFFER);
        }

        /** A cursor that reads {@code bufferBytes} at a time (more when a line is longer). */
        Cursor(Path path, Range range, int bufferBytes) {
            this.buffer = new byte[bufferBytes];
            try {
                channel = FileChannel.open(path, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new UncheckedIOException(path + ": cannot be read", e);
            }
            this.end = range.end();
            this.bufferStart = range.start();
            this.nextIndex = range.firstLine();
        }

        /** Moves to the next line; false after the range's last. */
        boolean next() {
            int scan = position;
            while (true) {
                while (scan < limit && buffer[scan] != '\n' && buffer[scan] != '\r') {
                    scan++;
                }
                boolean more = bufferStart + limit < end;
                if (scan < limit) {
                    // A carriage return as the buffer's last byte: whether a line feed follows is in the next read.
                    if (buffer[scan] == '\r' && scan + 1 == limit && more) {
                        scan -= fill();
                        continue;
                    }
                    int after = scan + 1;
                    if (buffer[scan] == '\r' && after < limit && buffer[after] == '\n') {
                        after++;
                    }
                    line(scan);
                    position = after;
                    return true;
                }
                if (!more) {
                    if (scan > position) {
                        // The file's last line, without a line end.
                        line(scan);
                        position = scan;
                        return true;
                    }
                    return false;
                }
                scan -= fill();
            }
        }

        private void line(int lineEnd) {
            lineOffset = position;
            lineLength = lineEnd - position;
            lineIndex = nextIndex++;
        }

        byte[] buffer() {
            return buffer;
        }

        int lineOffset() {
            return lineOffset;
        }

        int lineLength() {
            return lineLength;
        }

        /** The line's first byte's offset in the file. */
        long fileOffset() {
            return bufferStart + lineOffset;
        }

        /** The line's index in the file: 0 is its first line. */
        long index() {
            return lineIndex;
        }

        /**
         * Keeps the bytes not yet returned at the buffer's start (a buffer full of one line is doubled) and reads more
         * after them; returns how far they moved.
         */
        private int fill() {
            int shift = position;
            if (shift > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                bufferStart += shift;
                limit -= shift;
                position = 0;
            } else if (limit == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int wanted = (int) Math.min(buffer.length - limit, end - (bufferStart + limit));
            ByteBuffer into = ByteBuffer.wrap(buffer, limit, wanted);
            try {
                while (into.hasRemaining()) {
                    if (channel.read(into, bufferStart + into.position()) < 0) {
                        throw new IOException("the file ended at byte " + (bufferStart + into.position())
                                + ", before byte " + end + ": it changed while it was read");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            limit += wanted;
            return shift;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
