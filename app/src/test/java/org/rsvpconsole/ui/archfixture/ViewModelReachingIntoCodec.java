package org.rsvpconsole.ui.archfixture;

import org.rsvpconsole.engine.codec.RsvpCodec;

/** Test fixture: breaks the "only the engine API" rule on purpose, so ArchitectureTest can show it is caught. */
public final class ViewModelReachingIntoCodec {

    private ViewModelReachingIntoCodec() {
    }

    public static int decodeLength(byte[] b) {
        return RsvpCodec.decode(b).header() == null ? 0 : RsvpCodec.decode(b).header().length();
    }
}
