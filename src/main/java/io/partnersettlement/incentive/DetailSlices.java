package io.partnersettlement.incentive;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

import io.partnersettlement.workbook.TemporaryFolders;
import io.partnersettlement.workspace.Workspace;

/**
 * Rows of a period's detail computation set aside in temporary files, one file per slice of the detail keys, when the
 * period has more details than memory should hold ({@code settlement.details-in-memory}). A detail's slice is a
 * function of its customer, service type and order ({@link #of}), which its children share and which the ledger's
 * rows carry, so a slice's groups, its settled ids and its ledger rows are read back together, one slice at a time:
 * memory then holds one slice's details (a 256th of the period), whatever the period's size. Values are written with
 * their types ({@code null}, text, amount, whole number), amounts exactly (unscaled digits and scale).
 */
final class DetailSlices implements AutoCloseable {

    static final int SLICES = 256;

    private static final byte NULL = 0;
    private static final byte TEXT = 1;
    private static final byte DECIMAL = 2;
    private static final byte INT = 3;
    private static final byte LONG = 4;
    private static final byte TRUE = 5;
    private static final byte FALSE = 6;

    /** Reads one row of a slice: its values, in the order they were written. */
    interface RowReader {
        void row(Object[] values);
    }

    private final Path folder;
    private final int width;
    private final DataOutputStream[] out = new DataOutputStream[SLICES];
    private final long[] rows = new long[SLICES];

    /**
     * Files of rows of {@code width} values each, in a new temporary folder ({@link TemporaryFolders}: the folders that
     * processes no longer running left behind, killed in the middle of a computation, are deleted first).
     */
    DetailSlices(String name, int width) {
        this.width = width;
        this.folder = TemporaryFolders.create("slices", name);
    }

    /** The slice of a detail key's customer, service type and order (an order of none and an empty order alike). */
    static int of(String customerId, String serviceTypeCode, String orderId) {
        int h = customerId.hashCode();
        h = 31 * h + serviceTypeCode.hashCode();
        h = 31 * h + (orderId == null ? 0 : orderId.hashCode());
        h *= 0x9E3779B9;
        return h >>> 24;
    }

    /** Sets a row aside in its slice. */
    void add(int slice, Object... values) {
        if (values.length != width) {
            throw new IllegalArgumentException("a row of " + values.length + " values, not " + width);
        }
        try {
            DataOutputStream file = out[slice];
            if (file == null) {
                file = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path(slice)), 1 << 14));
                out[slice] = file;
            }
            for (Object value : values) {
                write(file, value);
            }
            rows[slice]++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the detail computation's temporary file " + path(slice), e);
        }
    }

    /** How many rows a slice holds. */
    long rows(int slice) {
        return rows[slice];
    }

    /** Reads a slice's rows back in the order they were set aside (no more rows may be added to it after). */
    void read(int slice, RowReader reader) {
        if (rows[slice] == 0) {
            return;
        }
        try {
            out[slice].close();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path(slice)),
                    1 << 16))) {
                Object[] values = new Object[width];
                for (long row = 0; row < rows[slice]; row++) {
                    for (int i = 0; i < width; i++) {
                        values[i] = read(in);
                    }
                    reader.row(values);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the detail computation's temporary file " + path(slice), e);
        }
    }

    /** Closes and deletes the files. */
    @Override
    public void close() {
        for (DataOutputStream file : out) {
            if (file != null) {
                try {
                    file.close();
                } catch (IOException e) {
                    // deleted below either way
                }
            }
        }
        try {
            Workspace.deleteTree(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the detail computation's temporary folder " + folder, e);
        }
    }

    /** The temporary folder. */
    Path folder() {
        return folder;
    }

    private Path path(int slice) {
        return folder.resolve(Integer.toString(slice));
    }

    private static void write(DataOutputStream file, Object value) throws IOException {
        if (value == null) {
            file.writeByte(NULL);
        } else if (value instanceof String text) {
            file.writeByte(TEXT);
            file.writeUTF(text);
        } else if (value instanceof BigDecimal amount) {
            file.writeByte(DECIMAL);
            file.writeInt(amount.scale());
            byte[] digits = amount.unscaledValue().toByteArray();
            file.writeShort(digits.length);
            file.write(digits);
        } else if (value instanceof Integer number) {
            file.writeByte(INT);
            file.writeInt(number);
        } else if (value instanceof Long number) {
            file.writeByte(LONG);
            file.writeLong(number);
        } else if (value instanceof Boolean flag) {
            file.writeByte(flag ? TRUE : FALSE);
        } else {
            throw new IllegalArgumentException("cannot set aside a " + value.getClass().getSimpleName());
        }
    }

    private static Object read(DataInputStream in) throws IOException {
        byte type = in.readByte();
        return switch (type) {
            case NULL -> null;
            case TEXT -> in.readUTF();
            case DECIMAL -> {
                int scale = in.readInt();
                byte[] digits = new byte[in.readShort()];
                in.readFully(digits);
                yield new BigDecimal(new BigInteger(digits), scale);
            }
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> throw new IOException("a value of unknown type " + type);
        };
    }
}
