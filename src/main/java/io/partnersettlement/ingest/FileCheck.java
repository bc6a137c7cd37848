package io.partnersettlement.ingest;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import io.partnersettlement.consumption.FactKeys;

/**
 * Checks a whole inbox file before anything of it is ingested: a broken gzip stream or text that is not UTF-8 sets the
 * file aside whole, with the line where it goes wrong, and the other files proceed. The engine reads UTF-8 only: a file
 * in another encoding (GBK, typically) would otherwise be misread without anyone noticing.
 */
final class FileCheck {

    /** Why a file cannot be read: a reject reason and a message naming the line. */
    record Problem(String reason, String message) {
    }

    /**
     * The file's SHA-256 (of its bytes as stored), its problem or {@code null}, and its physical lines (line ends, and
     * a last line without one): one read gives all three.
     */
    record Result(String sha256, Problem problem, long physicalLines) {
    }

    /** Counts the physical lines of a file's text as it passes, the way the reader splits them. */
    private static final class LineCount {
        long newlines;
        /** Bytes after the last line end: a last line without one. */
        long tail;
        /** Bytes of the text so far, to tell a byte-order mark alone (no line at all) from a line. */
        long bytes;
        boolean bom;

        void count(byte[] data, int from, int to) {
            if (bytes == 0 && to - from >= 3) {
                bom = (data[from] & 0xFF) == 0xEF && (data[from + 1] & 0xFF) == 0xBB && (data[from + 2] & 0xFF) == 0xBF;
            }
            bytes += to - from;
            int last = -1;
            for (int i = from; i < to; i++) {
                if (data[i] == '\n') {
                    newlines++;
                    last = i;
                }
            }
            tail = last < 0 ? tail + (to - from) : to - last - 1;
        }

        long lines() {
            boolean bomAlone = bom && newlines == 0 && tail == 3;
            return newlines + (tail > 0 && !bomAlone ? 1 : 0);
        }
    }

    /** How much of a file the encoding guess reads. */
    private static final int GUESS_BYTES = 1 << 20;

    private FileCheck() {
    }

    static Result check(Path file) {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        MessageDigest digest = sha256();
        Problem problem;
        LineCount lines = new LineCount();
        try (InputStream raw = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), digest);
                InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
            problem = utf8Problem(file, in, lines);
            // what follows a problem, or a gzip trailer, still belongs to the file's checksum
            raw.transferTo(OutputStream.nullOutputStream());
        } catch (EOFException e) {
            problem = new Problem("BAD_COMPRESSION", "the compressed file is truncated");
        } catch (ZipException e) {
            problem = new Problem("BAD_COMPRESSION", "the compressed file is corrupt: " + e.getMessage());
        } catch (IOException e) {
            problem = new Problem("BAD_COMPRESSION", "cannot read the file: " + e.getMessage());
        }
        // a file that could not be read to its end is checksummed again in full
        String sha = problem != null && "BAD_COMPRESSION".equals(problem.reason()) ? InboxFiles.sha256(file)
                : HexFormat.of().formatHex(digest.digest());
        return new Result(sha, problem, lines.lines());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Problem utf8Problem(Path file, InputStream in, LineCount lines) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        long line = 1;
        boolean end = false;
        boolean decoding = false;
        while (!end) {
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                end = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
            if (!decoding && asciiOnly(bytes.array(), bytes.position(), bytes.limit())) {
                // plain ASCII is UTF-8 as it stands, and the decoder holds nothing back: only the lines are counted
                lines.count(bytes.array(), bytes.position(), bytes.limit());
                line = 1 + lines.newlines;
                bytes.position(bytes.limit());
                bytes.compact();
                continue;
            }
            decoding = false;
            while (true) {
                int start = bytes.position();
                CoderResult result = decoder.decode(bytes, chars, end);
                lines.count(bytes.array(), start, bytes.position());
                line = 1 + lines.newlines;
                chars.clear();
                if (result.isError()) {
                    return new Problem("BAD_ENCODING", "line " + line + " is not UTF-8 text" + guess(file)
                            + ": the engine reads UTF-8 only; convert the file (e.g. iconv -f GBK -t UTF-8) and put it in "
                            + "the inbox again");
                }
                if (result.isUnderflow()) {
                    break;
                }
            }
            // bytes left over are the start of a character cut by the buffer's end: the next buffer goes to the decoder
            decoding = bytes.hasRemaining();
            bytes.compact();
        }
        return lineCountProblem(line);
    }

    /** A file of more lines than a fact key can number is set aside whole; {@code lines} counts a last unended line. */
    static Problem lineCountProblem(long lines) {
        return lines <= FactKeys.MAX_LINES ? null : new Problem("TOO_MANY_LINES", "the file has more than "
                + FactKeys.MAX_LINES + " lines, the most one file may have: split it and put the parts in the inbox");
    }

    /** True when no byte has its high bit set: eight bytes at a time. */
    private static boolean asciiOnly(byte[] data, int from, int to) {
        long seen = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            seen |= (long) LONGS.get(data, i);
        }
        for (; i < to; i++) {
            seen |= data[i];
        }
        return (seen & 0x8080808080808080L) == 0;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(
            long[].class, ByteOrder.LITTLE_ENDIAN);


    /** Names the encoding when the file's start reads cleanly as GBK (GB18030), the usual other encoding of such exports. */
    private static String guess(Path file) {
        if (file.getFileName().toString().endsWith(".gz")) {
            return "";
        }
        try (InputStream in = Files.newInputStream(file)) {
            // the first MiB tells; a character cut at its end is not an error (end of input is false)
            byte[] head = in.readNBytes(GUESS_BYTES);
            CoderResult result = Charset.forName("GB18030").newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(head), CharBuffer.allocate(head.length), head.length < GUESS_BYTES);
            return result.isError() ? "" : " (it reads as GBK/GB18030 Chinese text)";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
