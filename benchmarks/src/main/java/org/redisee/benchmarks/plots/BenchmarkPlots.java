package org.redisee.benchmarks.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Draws one PNG bar chart per CSV file of benchmark results (benchmarks/results), for docs/benchmarks.md.
 * Plain JDK (java.awt, headless) so that it needs nothing beyond the benchmarks jar.
 *
 * <p>CSV format: comment lines {@code # key: value} ({@code title}, {@code value-axis}, {@code target},
 * {@code target-label}; others, such as {@code source}, are ignored here), then a header row (category name, then one
 * column per series) and one row per category. An empty cell means "not measured" and draws no bar.
 *
 * <pre>java -Djava.awt.headless=true -cp benchmarks/target/benchmarks.jar \
 *     org.redisee.benchmarks.plots.BenchmarkPlots benchmarks/results docs/img</pre>
 */
public final class BenchmarkPlots {

    private BenchmarkPlots() {
    }

    public static void main(String[] args) throws IOException {
        // No display on build machines; must be set before the first AWT class loads.
        System.setProperty("java.awt.headless", "true");
        Path csvDir = Path.of(args.length > 0 ? args[0] : "benchmarks/results");
        Path pngDir = Path.of(args.length > 1 ? args[1] : "docs/img");
        Files.createDirectories(pngDir);

        List<Path> csvFiles;
        try (Stream<Path> files = Files.list(csvDir)) {
            csvFiles = files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        for (Path csv : csvFiles) {
            Chart chart = ChartCsv.read(csv);
            String name = csv.getFileName().toString().replaceFirst("\\.csv$", ".png");
            Path png = pngDir.resolve(name);
            ImageIO.write(BarChart.render(chart, csv.toString()), "png", png.toFile());
            System.out.println(csv + " -> " + png);
        }
    }

    /** One chart's data: categories (rows) × series (columns), values kept as the CSV's text. */
    record Chart(String title, String valueAxis, String categoryAxis, List<String> series, List<Row> rows,
                 Double target, String targetLabel) {
    }

    /** One category; {@code values.get(i)} is series i, {@code null} where the CSV cell is empty. */
    record Row(String label, List<String> values) {
    }

    /** Reads the small CSV dialect described on {@link BenchmarkPlots}. */
    static final class ChartCsv {

        private ChartCsv() {
        }

        static Chart read(Path csv) {
            List<String> lines;
            try {
                lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String title = csv.getFileName().toString();
            String valueAxis = "";
            Double target = null;
            String targetLabel = null;
            List<String> header = null;
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith("#")) {
                    int colon = line.indexOf(':');
                    if (colon < 0) {
                        continue;
                    }
                    String key = line.substring(1, colon).strip();
                    String value = line.substring(colon + 1).strip();
                    switch (key) {
                        case "title" -> title = value;
                        case "value-axis" -> valueAxis = value;
                        case "target" -> target = Double.valueOf(value);
                        case "target-label" -> targetLabel = value;
                        default -> { } // source, note: for people, not for the chart
                    }
                    continue;
                }
                List<String> cells = splitCsvLine(line);
                if (header == null) {
                    header = cells;
                    continue;
                }
                if (cells.size() != header.size()) {
                    throw new IllegalArgumentException(csv + ":" + (i + 1) + ": " + cells.size()
                            + " cells, the header has " + header.size());
                }
                List<String> values = new ArrayList<>();
                for (String cell : cells.subList(1, cells.size())) {
                    if (cell.isBlank()) {
                        values.add(null);
                    } else {
                        Double.parseDouble(cell); // fail here, with the file named below, rather than while drawing
                        values.add(cell.strip());
                    }
                }
                rows.add(new Row(cells.get(0), values));
            }
            if (header == null || rows.isEmpty()) {
                throw new IllegalArgumentException(csv + ": no header row or no data rows");
            }
            if (targetLabel == null && target != null) {
                targetLabel = "target " + target;
            }
            return new Chart(title, valueAxis, header.get(0), header.subList(1, header.size()), rows, target,
                    targetLabel);
        }

        /** Splits on commas outside double quotes; {@code ""} inside quotes is a quote. */
        static List<String> splitCsvLine(String line) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    cells.add(cell.toString().strip());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString().strip());
            return cells;
        }
    }

    /** Renders a {@link Chart} as horizontal grouped bars: one group per row, one bar per series. */
    static final class BarChart {

        private static final int WIDTH = 900;
        private static final int PREFERRED_HEIGHT = 500; // grows when the bars need it, shrinks for a few bars
        private static final int MIN_HEIGHT = 320;
        private static final int MARGIN = 20;
        private static final int MIN_BAR = 15;
        private static final int MAX_BAR = 44;

        private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 20);
        private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        private static final Font HEADING_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
        private static final Font VALUE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        private static final Font SOURCE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

        private static final Color TEXT = new Color(0x22, 0x22, 0x22);
        private static final Color MUTED = new Color(0x66, 0x66, 0x66);
        private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
        private static final Color BAND = new Color(0xF5, 0xF5, 0xF5);
        private static final Color TARGET = new Color(0xC0, 0x1C, 0x28);
        // Tableau-like palette without red, which is the target line's colour.
        private static final Color[] SERIES_COLORS = {
            new Color(0x4E, 0x79, 0xA7), new Color(0xF2, 0x8E, 0x2B), new Color(0x59, 0xA1, 0x4F),
            new Color(0xB0, 0x7A, 0xA1), new Color(0x76, 0xB7, 0xB2), new Color(0x9C, 0x75, 0x5F),
        };

        private BarChart() {
        }

        static BufferedImage render(Chart chart, String sourceName) {
            // A scratch image only to measure text before the real height is known.
            Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
            int seriesCount = chart.series().size();
            int groupCount = chart.rows().size();

            int legendTop = 48;
            List<int[]> legendRows = layoutLegend(measure, chart.series());
            int legendBottom = seriesCount > 1 ? legendTop + legendRows.size() * 22 : legendTop - 10;
            int plotTop = legendBottom + 34; // room for the category heading and the target label
            int bottomSpace = 78;            // tick labels, value-axis title, source line

            int labelWidth = 0;
            measure.setFont(LABEL_FONT);
            for (Row row : chart.rows()) {
                labelWidth = Math.max(labelWidth, measure.getFontMetrics().stringWidth(row.label()));
            }
            measure.setFont(VALUE_FONT);
            int valueLabelWidth = 0;
            for (Row row : chart.rows()) {
                for (String value : row.values()) {
                    if (value != null) {
                        valueLabelWidth = Math.max(valueLabelWidth,
                                measure.getFontMetrics().stringWidth(formatValue(value)));
                    }
                }
            }
            int plotLeft = MARGIN + labelWidth + 12;
            int plotRight = WIDTH - MARGIN - valueLabelWidth - 8;

            // Bars per group plus a gap worth 0.9 bars between groups.
            double slots = groupCount * (seriesCount + 0.9);
            int bar = (int) Math.floor((PREFERRED_HEIGHT - plotTop - bottomSpace) / slots);
            bar = Math.max(MIN_BAR, Math.min(MAX_BAR, bar));
            int groupGap = (int) Math.round(bar * 0.9);
            int groupHeight = seriesCount * bar + groupGap;
            int plotBottom = plotTop + groupCount * groupHeight;
            int height = Math.max(MIN_HEIGHT, plotBottom + bottomSpace);
            measure.dispose();

            BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);

            g.setColor(TEXT);
            g.setFont(TITLE_FONT);
            g.drawString(chart.title(), MARGIN, 32);

            if (seriesCount > 1) {
                drawLegend(g, chart.series(), legendRows, legendTop);
            }

            // Value axis: from zero, so that bar lengths stay proportional to the values.
            double maxValue = chart.target() == null ? 0 : chart.target();
            for (Row row : chart.rows()) {
                for (String value : row.values()) {
                    if (value != null) {
                        maxValue = Math.max(maxValue, Double.parseDouble(value));
                    }
                }
            }
            double step = niceStep(maxValue / 5);
            double axisMax = Math.ceil(maxValue * 1.02 / step) * step;
            if (axisMax <= 0) {
                axisMax = step;
            }
            double pixelsPerUnit = (plotRight - plotLeft) / axisMax;

            for (int i = 0; i < groupCount; i += 2) {
                g.setColor(BAND);
                g.fillRect(plotLeft, plotTop + i * groupHeight, plotRight - plotLeft, groupHeight);
            }
            g.setFont(VALUE_FONT);
            FontMetrics valueMetrics = g.getFontMetrics();
            for (int tick = 0; tick * step <= axisMax + step / 1000; tick++) {
                double tickValue = tick * step;
                int x = plotLeft + (int) Math.round(tickValue * pixelsPerUnit);
                g.setColor(GRID);
                g.drawLine(x, plotTop, x, plotBottom);
                String text = formatTick(tickValue, step);
                g.setColor(MUTED);
                g.drawString(text, x - valueMetrics.stringWidth(text) / 2, plotBottom + 18);
            }
            g.setFont(LABEL_FONT);
            g.setColor(TEXT);
            int axisTitleWidth = g.getFontMetrics().stringWidth(chart.valueAxis());
            g.drawString(chart.valueAxis(), (plotLeft + plotRight - axisTitleWidth) / 2, plotBottom + 42);

            g.setFont(HEADING_FONT);
            g.setColor(MUTED);
            g.drawString(chart.categoryAxis(), MARGIN, plotTop - 10);
            int headingRight = MARGIN + g.getFontMetrics().stringWidth(chart.categoryAxis());

            if (chart.target() != null) {
                // Before the bars, so that bars and value labels stay readable where the line crosses them.
                drawTarget(g, chart, plotLeft + (int) Math.round(chart.target() * pixelsPerUnit), plotTop,
                        plotBottom, headingRight);
            }

            for (int group = 0; group < groupCount; group++) {
                Row row = chart.rows().get(group);
                int groupTop = plotTop + group * groupHeight + groupGap / 2;
                g.setFont(LABEL_FONT);
                g.setColor(TEXT);
                FontMetrics labelMetrics = g.getFontMetrics();
                int labelBaseline = groupTop + (seriesCount * bar) / 2 + labelMetrics.getAscent() / 2 - 1;
                g.drawString(row.label(), plotLeft - 10 - labelMetrics.stringWidth(row.label()), labelBaseline);

                for (int s = 0; s < seriesCount; s++) {
                    String value = row.values().get(s);
                    if (value == null) {
                        continue;
                    }
                    int y = groupTop + s * bar;
                    int length = (int) Math.round(Double.parseDouble(value) * pixelsPerUnit);
                    g.setColor(SERIES_COLORS[s % SERIES_COLORS.length]);
                    g.fillRect(plotLeft, y + 1, length, bar - 2);
                    // The label on a patch of its row's background, which hides the target line behind it.
                    String text = formatValue(value);
                    g.setColor(group % 2 == 0 ? BAND : Color.WHITE);
                    g.fillRect(plotLeft + length + 2, y + 1, valueMetrics.stringWidth(text) + 4, bar - 2);
                    g.setFont(VALUE_FONT);
                    g.setColor(TEXT);
                    g.drawString(text, plotLeft + length + 4, y + bar / 2 + valueMetrics.getAscent() / 2 - 1);
                }
            }
            g.setColor(MUTED);
            g.drawLine(plotLeft, plotTop, plotLeft, plotBottom);

            g.setFont(SOURCE_FONT);
            g.setColor(MUTED);
            String source = "data: " + sourceName;
            g.drawString(source, WIDTH - MARGIN - g.getFontMetrics().stringWidth(source), height - 10);
            g.dispose();
            return image;
        }

        private static void drawTarget(Graphics2D g, Chart chart, int x, int plotTop, int plotBottom,
                                       int headingRight) {
            g.setColor(TARGET);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {7f, 5f}, 0f));
            g.drawLine(x, plotTop - 4, x, plotBottom);
            g.setStroke(new BasicStroke(1f));
            g.setFont(HEADING_FONT);
            int width = g.getFontMetrics().stringWidth(chart.targetLabel());
            // Centred on the line, but kept inside the image and clear of the category heading on the same line.
            int labelX = Math.max(headingRight + 16, Math.min(WIDTH - MARGIN - width, x - width / 2));
            g.drawString(chart.targetLabel(), labelX, plotTop - 10);
        }

        /** Splits the legend entries into lines that fit the width; each int[] is {first, end} of a line. */
        private static List<int[]> layoutLegend(Graphics2D measure, List<String> series) {
            measure.setFont(LABEL_FONT);
            List<int[]> lines = new ArrayList<>();
            int start = 0;
            int x = MARGIN;
            for (int i = 0; i < series.size(); i++) {
                int entryWidth = legendEntryWidth(measure.getFontMetrics(), series.get(i));
                if (x + entryWidth > WIDTH - MARGIN && i > start) {
                    lines.add(new int[] {start, i});
                    start = i;
                    x = MARGIN;
                }
                x += entryWidth;
            }
            lines.add(new int[] {start, series.size()});
            return lines;
        }

        private static int legendEntryWidth(FontMetrics metrics, String name) {
            return 14 + 6 + metrics.stringWidth(name) + 22;
        }

        private static void drawLegend(Graphics2D g, List<String> series, List<int[]> lines, int top) {
            g.setFont(LABEL_FONT);
            FontMetrics metrics = g.getFontMetrics();
            for (int line = 0; line < lines.size(); line++) {
                int x = MARGIN;
                int y = top + line * 22;
                for (int i = lines.get(line)[0]; i < lines.get(line)[1]; i++) {
                    g.setColor(SERIES_COLORS[i % SERIES_COLORS.length]);
                    g.fillRect(x, y, 14, 14);
                    g.setColor(TEXT);
                    g.drawString(series.get(i), x + 20, y + 12);
                    x += legendEntryWidth(metrics, series.get(i));
                }
            }
        }

        /** 1, 2 or 5 times a power of ten, at least {@code rough}: round numbers on the axis. */
        static double niceStep(double rough) {
            if (rough <= 0) {
                return 1;
            }
            double power = Math.pow(10, Math.floor(Math.log10(rough)));
            for (double factor : new double[] {1, 2, 5, 10}) {
                if (factor * power >= rough) {
                    return factor * power;
                }
            }
            return 10 * power;
        }

        private static String formatTick(double value, double step) {
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
            return decimalFormat(decimals).format(value);
        }

        /** The CSV's own digits (so "1.010" stays "1.010"), with thousands separators as the doc writes them. */
        static String formatValue(String text) {
            BigDecimal value = new BigDecimal(text);
            return decimalFormat(Math.max(0, value.scale())).format(value);
        }

        private static DecimalFormat decimalFormat(int decimals) {
            DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
            format.setMinimumFractionDigits(decimals);
            format.setMaximumFractionDigits(decimals);
            return format;
        }
    }
}
