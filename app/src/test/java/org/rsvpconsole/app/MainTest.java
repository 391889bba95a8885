package org.rsvpconsole.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void versionNamesTheProjectVersionAndJava() {
        Cli r = Cli.run("--version");
        assertEquals(0, r.code(), r::toString);
        List<String> lines = r.outLines();
        assertTrue(lines.get(0).matches("rsvp-console \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), r::toString);
        assertEquals("rsvp-console " + System.getProperty("project.version.expected", Main.version()), lines.get(0));
        assertFalse(Main.version().contains("${"), "Maven filtered version.properties");
        assertTrue(lines.get(1).startsWith("Java " + Runtime.version().feature()), r::toString);
        assertEquals("", r.err());
    }

    @Test
    void helpListsTheSubcommands() {
        for (String flag : List.of("--help", "-h")) {
            Cli r = Cli.run(flag);
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains("Usage: rsvp-console"), r::toString);
            assertTrue(r.out().contains("decode"), r::toString);
            assertTrue(r.out().contains("Exit codes"), r::toString);
        }
        Cli sub = Cli.run("help", "decode");
        assertEquals(0, sub.code(), sub::toString);
        assertTrue(sub.out().contains("Usage: rsvp-console decode"), sub::toString);
    }

    @Test
    void noArgumentsOpensTheConsoleOnTheEmbeddedNetworkWithTraffic() {
        var opened = new java.util.ArrayList<org.rsvpconsole.engine.live.VirtualLiveNetwork>();
        var histories = new java.util.ArrayList<String>();
        ConsoleLaunch.Opener saved = Main.opener;
        Main.opener = (net, settings) -> {
            opened.add(net);
            histories.add(settings.history());
        };
        try {
            Cli r = Cli.run();
            assertEquals(0, r.code(), r::toString);
            assertEquals(1, opened.size());
            assertEquals(org.rsvpconsole.persistence.api.EventStore.defaultLocation().toString(), histories.get(0),
                "records into the user's data directory by default");
            assertEquals("Service provider (6 cities)", opened.get(0).topology().name());
            assertTrue(opened.get(0).trafficMix(), "traffic mix on by default");
            Cli off = Cli.run("--no-traffic");
            assertEquals(0, off.code(), off::toString);
            assertFalse(opened.get(1).trafficMix(), "--no-traffic switches it off");
            assertEquals(2, Cli.run("--speed", "0").code());
            assertEquals(0, Cli.run("--db", "some/where").code());
            assertEquals("some/where", histories.get(2));
            assertEquals(0, Cli.run("--no-record").code());
            assertEquals(null, histories.get(3), "--no-record records nothing");
            Cli both = Cli.run("--no-record", "--db", "x");
            assertEquals(2, both.code(), both::toString);
            assertTrue(both.err().contains("contradict"), both::toString);
        } finally {
            Main.opener = saved;
            opened.forEach(org.rsvpconsole.engine.live.VirtualLiveNetwork::close);
        }
    }

    @Test
    void aHistoryThatCannotBeOpenedIsAUserErrorWithTheWaysOut(@org.junit.jupiter.api.io.TempDir
                                                                  java.nio.file.Path dir) throws Exception {
        java.nio.file.Path bad = dir.resolve("notours.mv.db");
        java.nio.file.Files.writeString(bad, "this is not a database");
        ConsoleLaunch.Opener saved = Main.opener;
        Main.opener = ConsoleLaunch::openConsole; // not the default: no desktop check, and it fails before any window
        try {
            Cli r = Cli.run("--no-traffic", "--db", bad.toString());
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().contains("is not an RSVP Console history"), r::toString);
            assertTrue(r.err().contains("--no-record"), r::toString);
        } finally {
            Main.opener = saved;
        }
    }

    @Test
    void userErrorsAreOneLinePlusAHintAndExit2() {
        for (String[] args : List.of(new String[] {"--bogus"}, new String[] {"decode"},
            new String[] {"frobnicate"}, new String[] {"decode", "--nope", "x.pcap"})) {
            Cli r = Cli.run(args);
            assertEquals(2, r.code(), r::toString);
            assertEquals(2, r.errLines().size(), r::toString);
            assertTrue(r.errLines().get(0).startsWith("rsvp-console: "), r::toString);
            assertTrue(r.errLines().get(1).startsWith("Try 'rsvp-console"), r::toString);
            assertTrue(r.errLines().get(1).endsWith("--help' for usage."), r::toString);
            assertFalse(r.err().contains("\tat "), "no stack trace");
            assertEquals("", r.out());
        }
        assertTrue(Cli.run("decode").err().contains("FILE"), "names the missing parameter");
        assertTrue(Cli.run("decode", "--nope", "x").errLines().get(1).contains("rsvp-console decode --help"));
    }
}
