package org.minka.voting.fraud;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * RFC 4180 lines for the ballot export. Cells that a spreadsheet would run as a formula (starting
 * with =, +, -, @, tab or carriage return) get a leading apostrophe (OWASP CSV injection).
 */
final class Csv {

    private Csv() {}

    static String line(Object... cells) {
        return Arrays.stream(cells).map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",")
                || text.contains("\"")
                || text.contains("\n")
                || text.contains("\r")
                || text.startsWith("'")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
