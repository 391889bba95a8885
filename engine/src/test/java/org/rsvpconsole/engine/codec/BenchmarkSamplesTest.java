package org.rsvpconsole.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rsvpconsole.engine.bench.CodecBenchmark;

/** The benchmark samples are what they claim to be: the capture's bytes, and a well-formed Srefresh. */
class BenchmarkSamplesTest {

    @Test
    void peafowlSamplesAreTheCapturedBytes() throws IOException {
        List<SharedCaptures.Message> p = SharedCaptures.messages(SharedCaptures.capture("peafowl__rsvp.pcap"));
        assertArrayEquals(p.get(0).rsvp(), HexFormat.of().parseHex(CodecBenchmark.PEAFOWL_PATH));
        assertArrayEquals(p.get(1).rsvp(), HexFormat.of().parseHex(CodecBenchmark.PEAFOWL_RESV));
    }

    @Test
    void srefreshSampleHasAValidHeaderAndOneMessageIdList() {
        byte[] b = CodecBenchmark.srefresh(CodecBenchmark.SREFRESH_IDS);
        assertEquals(8 + 8 + 4 * 500, b.length);
        assertTrue(Checksum.verify(b, 0, b.length));
        CommonHeader h = CommonHeader.read(b, 0, b.length);
        assertEquals(MessageType.SREFRESH.number(), h.messageType());
        assertEquals(b.length, h.length());
        assertEquals(b.length - 8, ((b[8] & 0xff) << 8) | (b[9] & 0xff));
        assertEquals(ObjectClass.MESSAGE_ID_LIST, b[10] & 0xff);
        assertEquals(1, b[11]);
        ObjectMessage m = Golden.decodeOk(b);
        MessageIdList.Ids ids = assertInstanceOf(MessageIdList.Ids.class, m.objects().get(0));
        assertEquals(CodecBenchmark.SREFRESH_IDS, ids.ids().size());
    }
}
