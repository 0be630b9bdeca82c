package dev.forkbook.kernel.jython;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Conversions between Python 2 byte strings (Java strings of chars 0-255) and Java text. */
final class PyStrings {

    private PyStrings() {
    }

    /** Decodes a byte string as UTF-8, or keeps it as Latin-1 when it is not valid UTF-8. */
    static String decode(String bytes) {
        boolean ascii = true;
        for (int i = 0; i < bytes.length(); i++) {
            if (bytes.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return bytes;
        }
        byte[] raw = bytes.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return bytes;
        }
    }
}
