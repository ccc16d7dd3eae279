package fi.tilannekuva.report;

/** Escaping of text and attribute values for the report's HTML and SVG. */
final class Html {

    private Html() {
    }

    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("'", "&#39;");
    }
}
