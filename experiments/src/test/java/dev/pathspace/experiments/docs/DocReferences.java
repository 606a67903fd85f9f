package dev.pathspace.experiments.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the documentation references of a source tree and reports the ones that point nowhere.
 *
 * <p>A reference is one of:
 *
 * <ul>
 *   <li>a section citation {@code docs/<file>.md §x.y} (also with the file name in backticks), which needs
 *       the file and a heading numbered {@code x.y} in it (e.g. {@code ### 4.4 …} or {@code ## 4. …});
 *   <li>a repository path {@code docs/<file>.md} or {@code CONTRIBUTING.md}, resolved against the
 *       repository root;
 *   <li>a Markdown link {@code [text](relative/path.md#anchor)} in a {@code .md} file, resolved against
 *       that file's directory; an anchor must be the GitHub slug of one of the target's headings.
 * </ul>
 *
 * Files under a {@code target} or dot-directory are not scanned. The legacy check reports citations of
 * documents outside the repository: the shared specification and guides ({@link #LEGACY}).
 */
final class DocReferences {
  /** Section citation: group 1 = path below docs/, group 2 = section number. */
  private static final Pattern SECTION =
      Pattern.compile("docs/([\\w./-]+?\\.md)`?\\s*\u00a7\\s*(\\d+(?:\\.\\d+)*)");
  /** A repository path of a Markdown file in docs/, or CONTRIBUTING.md. */
  private static final Pattern PATH =
      Pattern.compile("(?<![\\w./-])(docs/[\\w./-]+?\\.md|CONTRIBUTING\\.md)(?![\\w-])");
  /** A Markdown link to a .md file: group 1 = path, group 2 = anchor (may be null). */
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)#\\s]+\\.md)(?:#([^)\\s]*))?\\)");
  /** A numbered Markdown heading: group 1 = the number. */
  private static final Pattern NUMBERED_HEADING =
      Pattern.compile("^#{1,6}\\s+(\\d+(?:\\.\\d+)*)\\.?(?:\\s|$)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

  /**
   * Citation forms of documents that are not in the repository (built by concatenation so that this
   * file does not contain them itself).
   */
  static final List<String> LEGACY =
      List.of("spec " + "\u00a7", "guide " + "\u00a7", ".." + "/shared", "/work/" + "shared");

  /** One reference that does not resolve. */
  record Problem(Path file, int line, String reference, String reason) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + reference + " (" + reason + ")";
    }
  }

  private final Path root;
  private final Map<Path, Set<String>> sections = new HashMap<>();
  private final Map<Path, Set<String>> anchors = new HashMap<>();

  DocReferences(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The repository root: the nearest ancestor of {@code start} holding a pom.xml and a docs folder. */
  static Path findRoot(Path start) {
    for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml"))
          && Files.isDirectory(p.resolve("docs"))
          && Files.isDirectory(p.resolve("experiments"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root (pom.xml + docs/ + experiments/) above " + start);
  }

  /** Every *.java and *.md file of the tree, outside target/ and dot-directories, in a stable order. */
  List<Path> files() {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".md"))
          .filter(p -> !excluded(root.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean excluded(Path rel) {
    for (Path part : rel) {
      String n = part.toString();
      if (n.equals("target") || (n.startsWith(".") && n.length() > 1)) {
        return true;
      }
    }
    return false;
  }

  /** The references of every scanned file that do not resolve. */
  List<Problem> dangling() {
    List<Problem> out = new ArrayList<>();
    for (Path f : files()) {
      List<String> lines = read(f);
      for (int i = 0; i < lines.size(); i++) {
        check(f, i + 1, lines.get(i), out);
      }
    }
    return out;
  }

  /** Occurrences of the {@link #LEGACY} citation forms. */
  List<Problem> legacy() {
    List<Problem> out = new ArrayList<>();
    for (Path f : files()) {
      List<String> lines = read(f);
      for (int i = 0; i < lines.size(); i++) {
        for (String form : LEGACY) {
          if (lines.get(i).contains(form)) {
            out.add(new Problem(root.relativize(f), i + 1, lines.get(i).strip(), "cites '" + form + "'"));
          }
        }
      }
    }
    return out;
  }

  private void check(Path file, int line, String text, List<Problem> out) {
    Path rel = root.relativize(file);
    Matcher m = SECTION.matcher(text);
    while (m.find()) {
      Path doc = root.resolve("docs").resolve(m.group(1)).normalize();
      if (!Files.isRegularFile(doc)) {
        out.add(new Problem(rel, line, m.group(), "no file " + root.relativize(doc)));
      } else if (!sectionsOf(doc).contains(m.group(2))) {
        out.add(new Problem(rel, line, m.group(), "no section " + m.group(2) + " in " + root.relativize(doc)));
      }
    }
    m = PATH.matcher(text);
    while (m.find()) {
      Path doc = root.resolve(m.group(1)).normalize();
      if (!Files.isRegularFile(doc)) {
        out.add(new Problem(rel, line, m.group(1), "no file " + m.group(1)));
      }
    }
    if (file.toString().endsWith(".md")) {
      m = LINK.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.contains("://")) {
          continue;
        }
        Path doc = file.getParent().resolve(target).normalize();
        if (!Files.isRegularFile(doc)) {
          out.add(new Problem(rel, line, m.group(), "no file " + target));
        } else if (m.group(2) != null && !m.group(2).isEmpty() && !anchorsOf(doc).contains(m.group(2))) {
          out.add(new Problem(rel, line, m.group(), "no heading with anchor #" + m.group(2) + " in " + target));
        }
      }
    }
  }

  /** The section numbers of the numbered headings of a Markdown file. */
  Set<String> sectionsOf(Path doc) {
    return sections.computeIfAbsent(doc, d -> {
      Set<String> s = new LinkedHashSet<>();
      for (String l : headings(d)) {
        Matcher m = NUMBERED_HEADING.matcher(l);
        if (m.find()) {
          s.add(m.group(1));
        }
      }
      return s;
    });
  }

  private Set<String> anchorsOf(Path doc) {
    return anchors.computeIfAbsent(doc, d -> {
      Set<String> s = new LinkedHashSet<>();
      for (String l : headings(d)) {
        Matcher m = HEADING.matcher(l);
        if (m.find()) {
          s.add(slug(m.group(1)));
        }
      }
      return s;
    });
  }

  /** GitHub's heading anchor: lower case, punctuation removed, spaces to hyphens. */
  static String slug(String heading) {
    String plain = heading.replace("`", "").toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder();
    plain.codePoints().forEach(c -> {
      if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
        b.appendCodePoint(c);
      } else if (c == ' ') {
        b.append('-');
      }
    });
    return b.toString();
  }

  /** Heading lines of a Markdown file, skipping fenced code blocks. */
  private static List<String> headings(Path doc) {
    List<String> out = new ArrayList<>();
    boolean fence = false;
    for (String l : read(doc)) {
      if (l.startsWith("```")) {
        fence = !fence;
      } else if (!fence && l.startsWith("#")) {
        out.add(l);
      }
    }
    return out;
  }

  private static List<String> read(Path f) {
    try {
      return Files.readAllLines(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(f.toString(), e);
    }
  }
}
