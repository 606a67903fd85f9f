package dev.pathspace.targets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 CSV reader: a header row, comma-separated fields, optional double quotes (with
 * {@code ""} as an escaped quote, commas and line breaks allowed inside quotes), LF or CRLF line ends,
 * blank lines ignored. Every record must have as many fields as the header; violations throw
 * {@link CsvFormatException} naming the file and the 1-based line.
 */
public final class CsvTable {
  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private final String file;
  private final List<String> header;
  private final List<List<String>> rows;
  private final List<Integer> lines;

  private CsvTable(String file, List<String> header, List<List<String>> rows, List<Integer> lines) {
    this.file = file;
    this.header = header;
    this.rows = rows;
    this.lines = lines;
  }

  /** Reads {@code dev/pathspace/targets/data/<name>} from the classpath. */
  public static CsvTable resource(String name) {
    String path = "/dev/pathspace/targets/data/" + name;
    try (InputStream in = CsvTable.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + path);
      }
      return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** Parses {@code text}; {@code file} is only used in error messages. */
  public static CsvTable parse(String file, String text) {
    List<List<String>> records = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int line = 1;
    int recordLine = 1;
    boolean inQuotes = false;
    boolean afterQuote = false; // just closed a quoted field
    boolean fieldStarted = false;
    int n = text.length();
    for (int i = 0; i <= n; i++) {
      char c = i < n ? text.charAt(i) : '\n';
      if (inQuotes) {
        if (i == n) {
          throw new CsvFormatException(file, recordLine, "unterminated quoted field");
        }
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            inQuotes = false;
            afterQuote = true;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          cur.append(c);
        }
        continue;
      }
      if (c == ',') {
        fields.add(cur.toString());
        cur.setLength(0);
        afterQuote = false;
        fieldStarted = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        boolean blank = fields.isEmpty() && cur.length() == 0 && !afterQuote && !fieldStarted;
        if (!blank) {
          fields.add(cur.toString());
          records.add(fields);
          starts.add(recordLine);
        }
        fields = new ArrayList<>();
        cur.setLength(0);
        afterQuote = false;
        fieldStarted = false;
        line++;
        recordLine = line;
      } else if (afterQuote) {
        throw new CsvFormatException(file, line, "unexpected character '" + c + "' after closing quote");
      } else if (c == '"') {
        if (cur.length() > 0) {
          throw new CsvFormatException(file, line, "quote inside an unquoted field");
        }
        inQuotes = true;
        fieldStarted = true;
      } else {
        cur.append(c);
        fieldStarted = true;
      }
    }
    if (records.isEmpty()) {
      throw new CsvFormatException(file, 1, "no header row");
    }
    List<String> header = List.copyOf(records.get(0));
    for (int r = 1; r < records.size(); r++) {
      if (records.get(r).size() != header.size()) {
        throw new CsvFormatException(file, starts.get(r),
            "expected " + header.size() + " fields, got " + records.get(r).size());
      }
    }
    return new CsvTable(file, header,
        List.copyOf(records.subList(1, records.size())), List.copyOf(starts.subList(1, starts.size())));
  }

  /** File name used in messages. */
  public String file() {
    return file;
  }

  /** Column names. */
  public List<String> header() {
    return header;
  }

  /** Number of data rows. */
  public int rows() {
    return rows.size();
  }

  /** The raw field. */
  public String text(int row, int col) {
    return rows.get(row).get(col);
  }

  /** 1-based line where data row {@code row} starts. */
  public int line(int row) {
    return lines.get(row);
  }

  /** Index of a column by name, or an exception naming the file. */
  public int column(String name) {
    int c = header.indexOf(name);
    if (c < 0) {
      throw new CsvFormatException(file, 1, "missing column '" + name + "' in header " + header);
    }
    return c;
  }

  /** The field parsed as a finite double, or an exception naming file, line and column. */
  public double number(int row, int col) {
    String s = text(row, col).trim();
    if (!NUMBER.matcher(s).matches()) {
      throw new CsvFormatException(file, line(row),
          "column '" + header.get(col) + "': not a number: '" + s + "'");
    }
    return Double.parseDouble(s);
  }

  /** Throws {@link CsvFormatException} for data row {@code row}. */
  public CsvFormatException error(int row, String what) {
    return new CsvFormatException(file, line(row), what);
  }
}
