package dev.authaudit.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * How help reads: durations as people write them ({@code 30s}, {@code 90d}, not {@code PT30S}), no
 * "Default: []" for an empty list, and lines wrapped only at spaces, so that {@code csf.conf} or
 * {@code mail.example.com} is never cut after its dot as picocli's line breaker does.
 */
final class HelpStyle {
    private HelpStyle() {
    }

    /** Applies the style to {@code cl} and all its subcommands. */
    static void apply(CommandLine cl) {
        cl.setHelpFactory(SpaceWrappingHelp::new);
        for (CommandLine c : all(cl)) {
            CommandSpec spec = c.getCommandSpec();
            for (OptionSpec o : new ArrayList<>(spec.options())) {
                Object initial = o.initialValue();
                if (o.defaultValue() == null && initial instanceof Duration d) {
                    replace(spec, o, o.toBuilder().defaultValue(DurationConverter.human(d)).build());
                } else if (empty(initial)) {
                    replace(spec, o, o.toBuilder().showDefaultValue(Help.Visibility.NEVER).build());
                }
            }
            for (PositionalParamSpec p : new ArrayList<>(spec.positionalParameters())) {
                if (empty(p.initialValue())) {
                    spec.remove(p);
                    spec.addPositional(p.toBuilder().showDefaultValue(Help.Visibility.NEVER).build());
                }
            }
        }
    }

    private static boolean empty(Object initial) {
        return initial instanceof Collection<?> list && list.isEmpty()
                || initial instanceof Map<?, ?> map && map.isEmpty();
    }

    private static void replace(CommandSpec spec, OptionSpec old, OptionSpec now) {
        spec.remove(old);
        spec.addOption(now);
    }

    private static List<CommandLine> all(CommandLine cl) {
        List<CommandLine> out = new ArrayList<>();
        out.add(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!out.contains(sub)) {
                out.addAll(all(sub));
            }
        }
        return out;
    }

    /** Help whose tables wrap at spaces only. */
    private static final class SpaceWrappingHelp extends Help {
        SpaceWrappingHelp(CommandSpec spec, ColorScheme scheme) {
            super(spec, scheme);
        }

        @Override
        public Layout createDefaultLayout() {
            Layout l = super.createDefaultLayout();
            return new Layout(colorScheme(), new SpaceWrappingTable(colorScheme(), l.textTable().columns()),
                    createDefaultOptionRenderer(), createDefaultParameterRenderer());
        }

        @Override
        public TextTable createTextTable(Map<?, ?> map) {
            TextTable t = super.createTextTable(map);
            SpaceWrappingTable own = new SpaceWrappingTable(colorScheme(), t.columns());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                own.addRowValues(text(e.getKey()), text(e.getValue()));
            }
            return own;
        }

        /**
         * Returns the description as paragraphs wrapped at spaces: the source's lines are joined, except
         * lines that start with a space (examples such as a script), which stay as written.
         */
        @Override
        public String description(Object... params) {
            String[] lines = commandSpec().usageMessage().description();
            if (lines.length == 0) {
                return "";
            }
            int width = commandSpec().usageMessage().width() - 1;
            StringBuilder out = new StringBuilder();
            StringBuilder para = new StringBuilder();
            for (String raw : lines) {
                String l = raw.replace("%n", "\n").replace("%%", "%");
                if (l.startsWith(" ") || l.isEmpty()) {
                    flush(para, width, out);
                    out.append(l).append(System.lineSeparator());
                } else {
                    para.append(para.length() == 0 ? "" : " ").append(l);
                }
            }
            flush(para, width, out);
            return out.toString();
        }

        /** Returns the synopsis re-wrapped at spaces between its elements, never inside one. */
        @Override
        public String synopsis(int synopsisHeadingLength) {
            String s = super.synopsis(synopsisHeadingLength);
            String[] lines = s.split("\\R");
            StringBuilder flat = new StringBuilder();
            for (String l : lines) {
                String t = l.strip();
                if (t.isEmpty()) {
                    continue;
                }
                if (flat.length() > 0) {
                    char last = flat.charAt(flat.length() - 1);
                    boolean whole = last == ']' || last == '.' || Character.isLetterOrDigit(last);
                    flat.append(whole ? " " : "");
                }
                flat.append(t);
            }
            String name = commandSpec().qualifiedName();
            int indent = synopsisHeadingLength + name.length() + 1;
            int width = commandSpec().usageMessage().width();
            if (indent > width / 2) {
                indent = synopsisHeadingLength + 2;
            }
            StringBuilder out = new StringBuilder();
            int col = synopsisHeadingLength;
            boolean lineStart = true;
            for (String element : elements(flat.toString())) {
                if (!lineStart && col + 1 + element.length() > width) {
                    out.append(System.lineSeparator()).append(" ".repeat(indent));
                    col = indent;
                    lineStart = true;
                }
                if (!lineStart) {
                    out.append(' ');
                    col++;
                }
                out.append(element);
                col += element.length();
                lineStart = false;
            }
            return out.append(System.lineSeparator()).toString();
        }

        /** Splits a synopsis at the spaces outside brackets: {@code [--tz=ZONE]}, {@code [-hV]}, {@code PATH...}. */
        private static List<String> elements(String synopsis) {
            List<String> out = new ArrayList<>();
            int depth = 0;
            StringBuilder cur = new StringBuilder();
            for (char c : synopsis.toCharArray()) {
                if (c == '[' || c == '(') {
                    depth++;
                } else if ((c == ']' || c == ')') && depth > 0) {
                    depth--;
                }
                if (c == ' ' && depth == 0) {
                    if (cur.length() > 0) {
                        out.add(cur.toString());
                        cur.setLength(0);
                    }
                } else {
                    cur.append(c);
                }
            }
            if (cur.length() > 0) {
                out.add(cur.toString());
            }
            return out;
        }

        private static void flush(StringBuilder para, int width, StringBuilder out) {
            if (para.length() > 0) {
                for (String l : SpaceWrappingTable.wrap(para.toString(), width, 0)) {
                    out.append(l).append(System.lineSeparator());
                }
                para.setLength(0);
            }
        }

        private Text text(Object o) {
            return o instanceof Text t ? t : colorScheme().text(String.valueOf(o));
        }
    }

    /** A table that breaks plain text at spaces itself and lets picocli place the pieces. */
    static final class SpaceWrappingTable extends TextTable {
        private final Help.ColorScheme scheme;

        SpaceWrappingTable(Help.ColorScheme scheme, Column[] columns) {
            super(scheme, columns);
            this.scheme = scheme;
        }

        @Override
        public Cell putValue(int row, int col, Text value) {
            Column c = columns()[col];
            String plain = value.plainString();
            int room = c.width - c.indent - 1;
            if (c.overflow != Column.Overflow.WRAP || plain.length() <= room || !plain.equals(value.toString())
                    || room < 20) {
                return super.putValue(row, col, value);
            }
            Cell at = null;
            int r = row;
            boolean first = true;
            for (String piece : wrap(plain, room, indentWrappedLines)) {
                while (r > rowCount() - 1) {
                    addEmptyRow();
                }
                at = super.putValue(r, col, scheme.text((first ? "" : " ".repeat(indentWrappedLines)) + piece));
                first = false;
                r = at.row + 1;
            }
            return at;
        }

        /** Returns {@code s} in lines of at most {@code room} characters (continuations {@code indent} less), broken at spaces. */
        static List<String> wrap(String s, int room, int indent) {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            int width = room;
            for (String word : s.split(" ", -1)) {
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                    width = room - indent;
                } else if (line.length() > 0 || !lines.isEmpty() && word.isEmpty()) {
                    line.append(' ');
                }
                line.append(word);
            }
            if (line.length() > 0) {
                lines.add(line.toString());
            }
            return lines;
        }
    }
}
