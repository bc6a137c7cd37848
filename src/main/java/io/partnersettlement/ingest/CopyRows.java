package io.partnersettlement.ingest;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.ObjIntConsumer;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL's bulk path, {@code COPY … FROM STDIN} in its text format, on the caller's transaction's connection: rows
 * rendered one at a time as the driver reads them, never built whole. Other databases get {@code false} and take the
 * batched inserts. A row's text is its values, each {@link #value escaped}, separated by tabs and ended by a newline.
 */
final class CopyRows extends Reader {

    private final int rows;
    private final ObjIntConsumer<StringBuilder> render;
    private final StringBuilder line = new StringBuilder(256);
    private int next;
    private int offset;

    private CopyRows(int rows, ObjIntConsumer<StringBuilder> render) {
        this.rows = rows;
        this.render = render;
    }

    /**
     * Copies {@code rows} rows into {@code sql}'s table ({@code COPY t (columns) FROM STDIN}), row {@code i} rendered by
     * {@code render} into the builder given (without its newline); {@code false}, copying nothing, off PostgreSQL.
     */
    static boolean copy(JdbcTemplate jdbc, String sql, int rows, ObjIntConsumer<StringBuilder> render) {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c -> copy(c, sql, rows, render)));
    }

    static boolean copy(Connection connection, String sql, int rows, ObjIntConsumer<StringBuilder> render)
            throws SQLException {
        if (!connection.isWrapperFor(PGConnection.class)) {
            return false;
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new CopyRows(rows, render));
        } catch (IOException e) {
            throw new SQLException("copying rows failed (" + sql + "): " + e.getMessage(), e);
        }
        return true;
    }

    /** A text value in COPY's text format: {@code \N} for null; backslash, tab, newline and carriage return escaped. */
    static StringBuilder value(StringBuilder into, String text) {
        if (text == null) {
            return into.append("\\N");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> into.append("\\\\");
                case '\t' -> into.append("\\t");
                case '\n' -> into.append("\\n");
                case '\r' -> into.append("\\r");
                default -> into.append(c);
            }
        }
        return into;
    }

    @Override
    public int read(char[] into, int from, int length) {
        int written = 0;
        while (written < length) {
            if (offset == line.length()) {
                if (next == rows) {
                    return written == 0 ? -1 : written;
                }
                line.setLength(0);
                render.accept(line, next);
                line.append('\n');
                offset = 0;
                next++;
            }
            int n = Math.min(length - written, line.length() - offset);
            line.getChars(offset, offset + n, into, from + written);
            offset += n;
            written += n;
        }
        return written;
    }

    @Override
    public void close() {
    }
}
