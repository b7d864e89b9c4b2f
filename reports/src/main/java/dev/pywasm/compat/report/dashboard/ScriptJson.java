package dev.pywasm.compat.report.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pywasm.compat.report.Json;
import java.io.UncheckedIOException;

/**
 * JSON that can stand inside an HTML {@code <script>} element. The data is whatever the runtimes printed,
 * so it may contain {@code </script>} or {@code <!--}; every {@code <}, {@code >} and {@code &} is written
 * as a {@code \}{@code u} escape (still the same JSON string), and so are U+2028 and U+2029, which older
 * JavaScript parsers take for line ends.
 */
public final class ScriptJson {

    private static final CharacterEscapes ESCAPES = new CharacterEscapes() {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        {
            ascii['<'] = ESCAPE_STANDARD;
            ascii['>'] = ESCAPE_STANDARD;
            ascii['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch == 0x2028 ? new SerializedString("\\u2028") : ch == 0x2029 ? new SerializedString("\\u2029") : null;
        }
    };

    private ScriptJson() {
    }

    public static String write(Object value) {
        try {
            return Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).with(ESCAPES)
                    .writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the dashboard data as JSON", e);
        }
    }
}
