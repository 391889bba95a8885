package org.rsvpconsole.persistence.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rsvpconsole.persistence.api.StoreException;

/**
 * Opening an H2 file the user picked, safely (docs/persistence.md). A hostile file can carry SQL that H2 runs or
 * classes it loads when it opens the file: linked tables (which connect to any JDBC URL), aliases (Java source
 * compiled on open), triggers and aggregates (classes loaded by name). We refuse such files before H2 sees them,
 * forbid class loading by H2 altogether, accept no URL settings that run code (INIT, RUNSCRIPT...), and after
 * opening check that the schema is exactly ours.
 */
final class H2Guard {

    static {
        // H2 loads user classes (triggers, aggregates, Java aliases, table engines) only if they match this list;
        // nothing of ours needs one, so none matches. Set before the H2 driver is first used.
        System.setProperty("h2.allowedClasses", "org.rsvpconsole.persistence.jdbc.NoUserClasses");
    }

    private static final List<String> FORBIDDEN = List.of("LINKED TABLE", "CREATE ALIAS", "FORCE ALIAS",
        "CREATE TRIGGER", "FORCE TRIGGER", "CREATE AGGREGATE", "FORCE AGGREGATE", "RUNSCRIPT", "JAVA_OBJECT",
        "CREATE DOMAIN", "TABLE_ENGINE", "LINK_SCHEMA",
        "DATABASE_EVENT_LISTENER");
    private static final Set<String> OUR_TABLES = Set.of("STORE_META", "EVENT_LOG", "EVENT_BLOCK", "TOPOLOGY_VERSION",
        "STATE_SNAPSHOT", "FLYWAY_SCHEMA_HISTORY");
    static final String MARKER = "RSVP_CONSOLE_HISTORY";

    private H2Guard() {
    }

    /** A JDBC URL from what the user typed: a URL, or a path to an H2 history (with or without .mv.db). */
    static String toUrl(String urlOrPath) {
        if (urlOrPath.startsWith("jdbc:postgresql:")) {
            return urlOrPath;
        }
        String path;
        if (urlOrPath.startsWith("jdbc:h2:")) {
            String rest = urlOrPath.substring("jdbc:h2:".length());
            if (rest.indexOf(';') >= 0) {
                // INIT=RUNSCRIPT..., or settings that change how the file is read: none are needed.
                throw new StoreException("settings in an H2 URL are not accepted (" + rest.substring(
                    rest.indexOf(';')) + "): give the file only");
            }
            if (rest.startsWith("mem:")) {
                return urlOrPath;
            }
            if (!rest.startsWith("file:")) {
                throw new StoreException("only embedded H2 files (jdbc:h2:file:...) are accepted: " + urlOrPath);
            }
            path = rest.substring("file:".length());
        } else if (urlOrPath.startsWith("jdbc:")) {
            throw new StoreException("unsupported database URL (H2 file or PostgreSQL only): " + urlOrPath);
        } else {
            path = urlOrPath;
        }
        if (path.endsWith(".mv.db")) {
            path = path.substring(0, path.length() - ".mv.db".length());
        }
        Path file = Path.of(path + ".mv.db").toAbsolutePath();
        if (Files.exists(file)) {
            checkFile(file);
        } else if (file.getParent() != null) {
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new StoreException("cannot create " + file.getParent() + ": " + e.getMessage(), e);
            }
        }
        String base = file.toString();
        return "jdbc:h2:file:" + base.substring(0, base.length() - ".mv.db".length());
    }

    static String user(String url) {
        return url.startsWith("jdbc:h2:") ? "sa" : null;
    }

    static String display(String url) {
        return url.replaceAll("password=[^&;]*", "password=***");
    }

    /** Before H2 opens it: an H2 file, uncompressed, with our marker and none of the constructs that run code. */
    static void checkFile(Path file) {
        FileScan scan = new FileScan(FORBIDDEN, MARKER);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = new byte[3];
            if (in.readNBytes(head, 0, 3) < 3 || !"H:2".equals(new String(head, StandardCharsets.ISO_8859_1))) {
                throw notOurs(file, "it is not an H2 database");
            }
            scan.feed(head, 3);
            byte[] chunk = new byte[1 << 20];
            for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
                scan.feed(chunk, n);
            }
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (scan.forbidden() != null) {
            throw new StoreException("refusing to open " + file + ": it defines " + scan.forbidden()
                + ", which an RSVP Console history never does (a file that could run code on open)");
        }
        if (!scan.markerSeen()) {
            throw notOurs(file, "it has no RSVP Console history in it");
        }
    }

    private static StoreException notOurs(Path file, String why) {
        return new StoreException(file + " is not an RSVP Console history: " + why);
    }

    /** After opening, before migrating: only our tables, and no linked tables, routines or triggers. */
    static void checkSchema(Connection c, String url) throws SQLException {
        if (!url.startsWith("jdbc:h2:")) {
            return;
        }
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'")) {
                while (rs.next()) {
                    String name = rs.getString(1).toUpperCase(Locale.ROOT);
                    if (!OUR_TABLES.contains(name) || !"BASE TABLE".equals(rs.getString(2))) {
                        throw new StoreException("not an RSVP Console history: unexpected " + rs.getString(2)
                            + " " + rs.getString(1));
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.ROUTINES"
                + " WHERE ROUTINE_SCHEMA <> 'INFORMATION_SCHEMA'")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new StoreException("not an RSVP Console history: it defines functions");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TRIGGERS")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new StoreException("not an RSVP Console history: it defines triggers");
                }
            }
        }
    }

    /** After migrating: the format marker is ours. */
    static void checkOurs(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT val FROM store_meta WHERE name = 'format'")) {
            if (!rs.next() || !MARKER.equals(rs.getString(1))) {
                throw new StoreException("not an RSVP Console history: wrong format marker");
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }
}
