package dev.forkbook.ui.output;

import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextBoundsType;

/**
 * Read-only lines of monospace text drawn on one canvas the size of the window: only the lines on
 * screen are drawn, so a scroll step costs the same for 20 lines or 2 million (JavaFX's
 * {@code ListView} sums a size per item on every jump, O(lines)). Click selects a line, the arrows,
 * Page and Home/End keys move it, Ctrl+C copies it; the wheel scrolls.
 */
public final class LinesView extends Region {

    private static final TextLines EMPTY = TextLines.of("");

    private final Canvas canvas = new Canvas();
    private final ScrollBar vertical = new ScrollBar();
    private final ScrollBar horizontal = new ScrollBar();
    /** Carries the line font and colours from the stylesheet (theme-aware); never shown. */
    private final Label lineStyle = new Label("0");
    private final Region selectionStyle = new Region();
    private TextLines lines = EMPTY;
    private int first;
    private int selected = -1;
    private double rowHeight = 18;
    private double charWidth = 7.5;
    private Font measuredFont;

    public LinesView() {
        getStyleClass().add("full-output-lines");
        setFocusTraversable(true);
        lineStyle.getStyleClass().add("full-output-line");
        selectionStyle.getStyleClass().add("full-output-selection");
        for (Region probe : new Region[] {lineStyle, selectionStyle}) {
            probe.setManaged(false);
            probe.setVisible(false);
        }
        vertical.setOrientation(Orientation.VERTICAL);
        vertical.valueProperty().addListener((obs, old, value) -> {
            int line = (int) Math.round(value.doubleValue());
            if (line != first) {
                first = line;
                requestLayout();
            }
        });
        horizontal.valueProperty().addListener((obs, old, value) -> requestLayout());
        getChildren().addAll(canvas, vertical, horizontal, lineStyle, selectionStyle);
        addEventHandler(ScrollEvent.SCROLL, this::onWheel);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            int line = first + (int) (e.getY() / rowHeight);
            if (line < lines.size()) {
                select(line);
            }
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    }

    /** Shows {@code shown} from its first line, nothing selected. */
    public void setLines(TextLines shown) {
        lines = shown;
        selected = -1;
        first = 0;
        vertical.setValue(0);
        horizontal.setValue(0);
        requestLayout();
    }

    public TextLines lines() {
        return lines;
    }

    /** Scrolls so that {@code index} is the top line (or as near as the end allows). */
    public void scrollTo(int index) {
        int top = Math.max(0, Math.min(index, maxFirst()));
        if (top != first) {
            first = top;
            vertical.setValue(top);
            requestLayout();
        }
    }

    /** Selects line {@code index} and scrolls it into view (three lines of context above). */
    public void select(int index) {
        selected = index;
        if (index < first || index >= first + visibleRows()) {
            scrollTo(Math.max(0, index - 3));
        }
        requestLayout();
    }

    public int selectedIndex() {
        return selected;
    }

    public int firstVisible() {
        return first;
    }

    /** How many whole lines fit in the view. */
    public int visibleRows() {
        return Math.max(1, (int) (canvas.getHeight() / rowHeight));
    }

    /** The lines drawn now, top to bottom (for tests). */
    public java.util.List<String> drawnLines() {
        java.util.List<String> drawn = new java.util.ArrayList<>();
        int rows = (int) Math.ceil(canvas.getHeight() / rowHeight);
        for (int i = first; i < Math.min(lines.size(), first + rows); i++) {
            drawn.add(lines.get(i));
        }
        return drawn;
    }

    private int maxFirst() {
        return Math.max(0, lines.size() - visibleRows());
    }

    private void onWheel(ScrollEvent e) {
        double rows = e.getTextDeltaYUnits() == ScrollEvent.VerticalTextScrollUnits.LINES
                ? e.getTextDeltaY() : e.getDeltaY() / rowHeight;
        if (rows != 0) {
            // Any wheel notch moves at least one line.
            scrollTo(first - (int) Math.signum(rows) * (int) Math.max(1, Math.round(Math.abs(rows))));
        }
        if (e.getDeltaX() != 0) {
            horizontal.setValue(clamp(horizontal.getValue() - e.getDeltaX(), 0,
                    horizontal.getMax()));
        }
        e.consume();
    }

    private void onKey(KeyEvent e) {
        int page = Math.max(1, visibleRows() - 1);
        int at = Math.max(0, selected);
        int to = switch (e.getCode()) {
            case UP -> at - 1;
            case DOWN -> selected < 0 ? first : at + 1;
            case PAGE_UP -> at - page;
            case PAGE_DOWN -> at + page;
            case HOME -> e.isShortcutDown() ? 0 : Integer.MIN_VALUE;
            case END -> e.isShortcutDown() ? lines.size() - 1 : Integer.MIN_VALUE;
            default -> Integer.MIN_VALUE;
        };
        if (e.getCode() == KeyCode.C && e.isShortcutDown() && selected >= 0) {
            ClipboardContent content = new ClipboardContent();
            content.putString(lines.get(selected));
            Clipboard.getSystemClipboard().setContent(content);
            e.consume();
        } else if (to != Integer.MIN_VALUE && lines.size() > 0) {
            selected = (int) clamp(to, 0, lines.size() - 1);
            if (selected < first) {
                scrollTo(selected);
            } else if (selected >= first + visibleRows()) {
                scrollTo(selected - visibleRows() + 1);
            }
            requestLayout();
            e.consume();
        }
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double bar = vertical.prefWidth(-1);
        measure();
        double textWidth = lines.longestLine() * charWidth + 12;
        boolean wide = textWidth > w - bar;
        double barH = wide ? horizontal.prefHeight(-1) : 0;
        canvas.setWidth(Math.max(0, w - bar));
        canvas.setHeight(Math.max(0, h - barH));
        vertical.resizeRelocate(w - bar, 0, bar, h - barH);
        horizontal.setVisible(wide);
        horizontal.resizeRelocate(0, h - barH, w - bar, barH);
        int rows = visibleRows();
        vertical.setMax(maxFirst());
        vertical.setVisibleAmount(Math.min(rows, Math.max(1, maxFirst())));
        vertical.setBlockIncrement(Math.max(1, rows - 1));
        vertical.setUnitIncrement(1);
        horizontal.setMax(Math.max(0, textWidth - (w - bar)));
        horizontal.setVisibleAmount(Math.max(1, w - bar));
        if (first > maxFirst()) {
            first = maxFirst();
        }
        if (vertical.getValue() != first) {
            vertical.setValue(first);
        }
        draw();
    }

    /** Font, row height and character width from the stylesheet (once, and on a theme change). */
    private void measure() {
        Font font = lineStyle.getFont();
        if (font == null || font.equals(measuredFont)) {
            return;
        }
        measuredFont = font;
        Text probe = new Text("0123456789");
        probe.setFont(font);
        probe.setBoundsType(TextBoundsType.LOGICAL);
        charWidth = probe.getLayoutBounds().getWidth() / 10;
        rowHeight = Math.ceil(probe.getLayoutBounds().getHeight() + 2);
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        Paint fill = lineStyle.getTextFill() == null ? Color.BLACK : lineStyle.getTextFill();
        g.setFont(measuredFont == null ? Font.font("Monospaced", 12.5) : measuredFont);
        g.setTextBaseline(javafx.geometry.VPos.TOP);
        double x = 6 - horizontal.getValue();
        int rows = (int) Math.ceil(h / rowHeight);
        int maxChars = (int) Math.ceil((w + horizontal.getValue()) / charWidth) + 1;
        for (int row = 0; row < rows && first + row < lines.size(); row++) {
            int index = first + row;
            double y = row * rowHeight;
            if (index == selected) {
                g.setFill(selectionFill());
                g.fillRect(0, y, w, rowHeight);
            }
            String line = lines.get(index);
            g.setFill(fill);
            // Draw no more of a very long line than can be on screen.
            g.fillText(line.length() > maxChars ? line.substring(0, maxChars) : line, x, y + 1);
        }
    }

    private Paint selectionFill() {
        var background = selectionStyle.getBackground();
        return background == null || background.getFills().isEmpty()
                ? Color.rgb(0, 120, 215, 0.25) : background.getFills().get(0).getFill();
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
