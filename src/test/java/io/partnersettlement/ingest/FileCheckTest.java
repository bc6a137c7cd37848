package io.partnersettlement.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole-file check reads 64 KiB at a time: plain ASCII buffers are only counted, the others decoded. */
class FileCheckTest {

    private static final int BUFFER = 1 << 16;

    @TempDir
    Path dir;

    @Test
    void acceptsACharacterCutByTheBufferEndAndNamesTheLineOfABadByteFarBehindIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // 655 lines of 100 bytes = 65,500 bytes, then 35 more ASCII bytes: '中' (3 bytes in UTF-8) starts at byte
        // 65,535, the last of the first buffer, and ends in the second one
        for (int i = 0; i < 655; i++) {
            bytes.write(("x".repeat(99) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        bytes.write("y".repeat(35).getBytes(StandardCharsets.US_ASCII));
        assertThat(bytes.size()).isEqualTo(BUFFER - 1);
        bytes.write("中文\n".getBytes(StandardCharsets.UTF_8)); // line 656
        Path clean = write("clean.csv", bytes.toByteArray());
        assertThat(FileCheck.check(clean).problem()).isNull();

        // then 1,000 more ASCII lines (lines 657..1656, two whole buffers of plain ASCII), and line 1657 holds a byte
        // that no UTF-8 text has
        for (int i = 0; i < 1_000; i++) {
            bytes.write(("z".repeat(149) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        bytes.write(new byte[] {'a', 'b', (byte) 0xFF, 'c', '\n'});
        bytes.write("after\n".getBytes(StandardCharsets.US_ASCII));
        byte[] content = bytes.toByteArray();
        Path broken = write("broken.csv", content);
        FileCheck.Result result = FileCheck.check(broken);
        assertThat(result.problem().reason()).isEqualTo("BAD_ENCODING");
        assertThat(result.problem().message()).startsWith("line 1657 is not UTF-8 text");
        // the checksum covers every byte, also those after the problem
        assertThat(result.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    }

    @Test
    void aCharacterCutByTheEndOfTheFileIsBadEncoding() throws Exception {
        byte[] cut = "id,amount\n1,2\n中".getBytes(StandardCharsets.UTF_8);
        Path file = write("cut.csv", java.util.Arrays.copyOf(cut, cut.length - 1));
        FileCheck.Result result = FileCheck.check(file);
        assertThat(result.problem().reason()).isEqualTo("BAD_ENCODING");
        assertThat(result.problem().message()).startsWith("line 3 is not UTF-8 text");
    }

    private Path write(String name, byte[] content) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }
}
