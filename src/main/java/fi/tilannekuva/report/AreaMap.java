package fi.tilannekuva.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The areas' outlines from a GeoJSON FeatureCollection (WGS 84 longitude/latitude, Polygon or MultiPolygon), drawn
 * as an SVG choropleth: each area filled with a given colour. Projected equirectangularly with longitude scaled by
 * the cosine of the map's middle latitude, which keeps Finland's shape at this size.
 */
public final class AreaMap {

    static final int WIDTH = 280;
    static final String BUILT_IN = "report/hyvinvointialueet_2023_simplified.geojson";

    /** An area's rings, each a list of (longitude, latitude) pairs. */
    record Shape(String code, List<List<double[]>> rings) {
    }

    private final List<Shape> shapes;
    private final double lonMin;
    private final double latMax;
    private final double xScale;
    private final double scale;
    private final int height;

    AreaMap(List<Shape> shapes) {
        this.shapes = List.copyOf(shapes);
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        double south = Double.MAX_VALUE;
        double north = -Double.MAX_VALUE;
        for (Shape s : shapes) {
            for (List<double[]> ring : s.rings()) {
                for (double[] p : ring) {
                    lo = Math.min(lo, p[0]);
                    hi = Math.max(hi, p[0]);
                    south = Math.min(south, p[1]);
                    north = Math.max(north, p[1]);
                }
            }
        }
        this.lonMin = lo;
        this.latMax = north;
        this.xScale = Math.cos(Math.toRadians((south + north) / 2));
        this.scale = WIDTH / ((hi - lo) * xScale);
        this.height = (int) Math.ceil((north - south) * scale);
    }

    /** Reads {@code file}; every feature must carry the area code in {@code codeProperty}. */
    public static AreaMap read(Path file, String codeProperty) {
        try {
            return parse(Files.readString(file), codeProperty, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report map " + file + ": " + e.getMessage(), e);
        }
    }

    /** The 23 areas' outlines shipped in the jar (Statistics Finland, National Land Survey of Finland; CC BY 4.0). */
    public static AreaMap builtIn() {
        try (java.io.InputStream in = AreaMap.class.getResourceAsStream("/" + BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + BUILT_IN);
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "hyvinvointialue_code", BUILT_IN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUILT_IN + ": " + e.getMessage(), e);
        }
    }

    static AreaMap parse(String geojson, String codeProperty, String name) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(geojson);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " is not JSON: " + e.getMessage(), e);
        }
        if (!"FeatureCollection".equals(root.path("type").asText())) {
            throw new IllegalArgumentException(name + " is not a GeoJSON FeatureCollection");
        }
        List<Shape> shapes = new ArrayList<>();
        for (JsonNode f : root.path("features")) {
            JsonNode code = f.path("properties").path(codeProperty);
            if (code.isMissingNode() || code.isNull()) {
                throw new IllegalArgumentException(name + ": a feature has no property " + codeProperty
                        + " (tilannekuva.report.map-code-property)");
            }
            // Codes stored as numbers (9) are two-digit codes (09).
            String c = code.isNumber() ? String.format(Locale.ROOT, "%02d", code.asInt()) : code.asText();
            JsonNode g = f.path("geometry");
            List<List<double[]>> rings = new ArrayList<>();
            switch (g.path("type").asText()) {
                case "Polygon" -> addPolygon(g.path("coordinates"), rings);
                case "MultiPolygon" -> g.path("coordinates").forEach(p -> addPolygon(p, rings));
                default -> throw new IllegalArgumentException(name + ": area " + c + " is a "
                        + g.path("type").asText() + ", not a Polygon or MultiPolygon");
            }
            shapes.add(new Shape(c, rings));
        }
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException(name + " has no features");
        }
        return new AreaMap(shapes);
    }

    private static void addPolygon(JsonNode polygon, List<List<double[]>> rings) {
        for (JsonNode ring : polygon) {
            List<double[]> points = new ArrayList<>();
            ring.forEach(p -> points.add(new double[]{p.get(0).asDouble(), p.get(1).asDouble()}));
            rings.add(points);
        }
    }

    /** The codes of the areas on the map, in file order. */
    public List<String> codes() {
        return shapes.stream().map(Shape::code).toList();
    }

    /** {@code x, y} in the SVG of a longitude and latitude. */
    double[] project(double lon, double lat) {
        return new double[]{(lon - lonMin) * xScale * scale, (latMax - lat) * scale};
    }

    /**
     * The map with each area filled by {@code fill} (areas missing from it light grey) and titled by {@code titles}.
     */
    public String svg(Map<String, String> fill, Map<String, String> titles, String caption) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"0 0 %d %d\" "
                + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\"><title>%s</title>", WIDTH, height, WIDTH,
                height, Html.attr(caption), Html.text(caption)));
        Map<String, StringBuilder> paths = new LinkedHashMap<>();
        for (Shape shape : shapes) {
            StringBuilder d = paths.computeIfAbsent(shape.code(), k -> new StringBuilder());
            for (List<double[]> ring : shape.rings()) {
                for (int i = 0; i < ring.size(); i++) {
                    double[] xy = project(ring.get(i)[0], ring.get(i)[1]);
                    d.append(String.format(Locale.ROOT, "%s%.1f %.1f", i == 0 ? "M" : "L", xy[0], xy[1]));
                }
                d.append('Z');
            }
        }
        paths.forEach((code, d) -> s.append("<path class=\"area\" data-area=\"").append(Html.attr(code))
                .append("\" fill=\"").append(fill.getOrDefault(code, "#eeeeee")).append("\" d=\"").append(d)
                .append("\"><title>").append(Html.text(titles.getOrDefault(code, code))).append("</title></path>"));
        return s.append("</svg>").toString();
    }

    int height() {
        return height;
    }
}
