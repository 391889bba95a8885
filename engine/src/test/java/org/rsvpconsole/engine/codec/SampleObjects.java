package org.rsvpconsole.engine.codec;

/** Samples of the classes beyond the RFC 2205 core; each object family adds its class here. */
final class SampleObjects {

    private SampleObjects() {
    }

    static RsvpObject of(int classNum) {
        return switch (classNum) {
            default -> null;
        };
    }
}
