package io.partnersettlement.console.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import io.partnersettlement.fault.EngineException;

/**
 * The console's users: a name, a role and a BCrypt hash of the password — never the password. They come from the users
 * file ({@code name,role,password_hash}, by default {@code console-users.csv} in the workspace) and from the property
 * {@code settlement.console.users} ({@code name:ROLE:hash}, comma separated). There is no default user and no default
 * password: a console without users refuses to start.
 */
public final class ConsoleUsers {

    /** What a user may do: OPERATOR acts and reads, ANALYST reads and downloads. */
    public enum Role { OPERATOR, ANALYST }

    public record User(String name, Role role, String passwordHash) {
    }

    public static final String FILE_NAME = "console-users.csv";
    private static final String HEADER = "name,role,password_hash";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private ConsoleUsers() {
    }

    /** The users of the file (absent: none) and of the property, by name; a bad line is refused naming file and line. */
    public static Map<String, User> load(Path file, List<String> fromProperty) {
        Map<String, User> users = new LinkedHashMap<>();
        if (file != null && Files.isRegularFile(file)) {
            List<String> lines = read(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.equalsIgnoreCase(HEADER))) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                String where = file + " line " + (i + 1);
                if (fields.length != 3) {
                    throw new EngineException(where + ": expected name,role,password_hash");
                }
                put(users, parse(fields[0], fields[1], fields[2], where));
            }
        }
        for (String entry : fromProperty) {
            if (entry.isBlank()) {
                continue;
            }
            String[] fields = entry.strip().split(":", 3);
            if (fields.length != 3) {
                throw new EngineException("settlement.console.users: '" + shown(entry) + "' is not name:ROLE:bcrypt-hash");
            }
            put(users, parse(fields[0], fields[1], fields[2], "settlement.console.users"));
        }
        return users;
    }

    private static void put(Map<String, User> users, User user) {
        users.put(user.name(), user);
    }

    private static User parse(String name, String role, String hash, String where) {
        name = name.strip();
        if (!NAME.matcher(name).matches()) {
            throw new EngineException(where + ": user name '" + shown(name) + "' is not 1-64 letters, digits or ._@-");
        }
        Role r;
        try {
            r = Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EngineException(where + ": role '" + shown(role) + "' of " + name + " is not OPERATOR or ANALYST");
        }
        String h = hash.strip();
        if (h.startsWith("{bcrypt}")) {
            h = h.substring("{bcrypt}".length());
        }
        if (!BCRYPT.matcher(h).matches()) {
            throw new EngineException(where + ": the password of " + name + " is not a BCrypt hash ($2a$, $2b$ or $2y$, "
                    + "60 characters): store the hash, never the password");
        }
        return new User(name, r, h);
    }

    /** A new random password: 16 characters of an alphabet without look-alikes (about 93 bits). */
    public static String newPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    public static String hash(String password) {
        return new BCryptPasswordEncoder().encode(password);
    }

    /**
     * Sets a user's password in the users file (adding the user, or replacing the line of that name), keeping the other
     * lines; the file is replaced in one step and readable by its owner only where the file system allows.
     */
    public static void write(Path file, String name, Role role, String password) {
        User user = parse(name, role.name(), hash(password), file.toString());
        List<String> kept = new ArrayList<>();
        kept.add(HEADER);
        if (Files.isRegularFile(file)) {
            for (String line : read(file)) {
                String s = line.strip();
                if (s.isEmpty() || s.equalsIgnoreCase(HEADER) || s.split(",", -1)[0].strip().equals(user.name())) {
                    continue;
                }
                kept.add(line);
            }
        }
        kept.add(user.name() + "," + user.role() + "," + user.passwordHash());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path aside = file.resolveSibling(file.getFileName() + ".new");
            Files.write(aside, kept, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(aside, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the file system's own permissions apply
            }
            Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EngineException("cannot read the console's users file " + file + ": " + e.getMessage());
        }
    }

    private static String shown(String text) {
        String s = text.strip();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
