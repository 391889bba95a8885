package org.rsvpconsole.persistence.jdbc;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One streaming pass over a file's bytes looking for ASCII words, ignoring ASCII case (what {@link H2Guard} needs
 * before H2 opens a user's file). Memory is one pattern length of carried-over state, so a history of any size is
 * checked in one read at disk speed.
 */
final class FileScan {

    private final byte[][] words;
    private final String[] names;
    /** For each upper-cased byte value, whether some word starts with it. */
    private final boolean[] starts = new boolean[256];
    private final int markerIndex;
    private final int longest;
    /** The last {@code longest - 1} bytes of the previous chunk, upper-cased, then the current chunk. */
    private byte[] window = new byte[0];
    private int carried;
    private String forbiddenFound;
    private boolean markerSeen;

    FileScan(List<String> forbidden, String marker) {
        int n = forbidden.size() + 1;
        words = new byte[n][];
        names = new String[n];
        int max = 0;
        for (int i = 0; i < n; i++) {
            names[i] = i < forbidden.size() ? forbidden.get(i) : marker;
            words[i] = names[i].getBytes(StandardCharsets.US_ASCII);
            starts[words[i][0] & 0xFF] = true;
            max = Math.max(max, words[i].length);
        }
        markerIndex = n - 1;
        longest = max;
    }

    private static byte upper(byte b) {
        return b >= 'a' && b <= 'z' ? (byte) (b - 32) : b;
    }

    void feed(byte[] chunk, int n) {
        int total = carried + n;
        if (window.length < total) {
            byte[] w = new byte[total];
            System.arraycopy(window, 0, w, 0, carried);
            window = w;
        }
        for (int i = 0; i < n; i++) {
            window[carried + i] = upper(chunk[i]);
        }
        // Matches may start anywhere before the last (longest - 1) bytes; those are kept for the next chunk.
        int limit = total;
        for (int i = 0; i < limit; i++) {
            if (!starts[window[i] & 0xFF]) {
                continue;
            }
            for (int w = 0; w < words.length; w++) {
                byte[] word = words[w];
                if (i + word.length <= total && word[0] == window[i] && matches(word, i)) {
                    if (w == markerIndex) {
                        markerSeen = true;
                    } else if (forbiddenFound == null) {
                        forbiddenFound = names[w];
                    }
                }
            }
        }
        int keep = Math.min(longest - 1, total);
        System.arraycopy(window, total - keep, window, 0, keep);
        carried = keep;
    }

    private boolean matches(byte[] word, int at) {
        for (int j = 1; j < word.length; j++) {
            if (window[at + j] != word[j]) {
                return false;
            }
        }
        return true;
    }

    /** The first forbidden word seen, or null. */
    String forbidden() {
        return forbiddenFound;
    }

    boolean markerSeen() {
        return markerSeen;
    }
}
