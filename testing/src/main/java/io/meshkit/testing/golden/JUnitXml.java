package io.meshkit.testing.golden;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The results as JUnit XML, the format CI servers read (Surefire's): one {@code <testsuite>}, one
 * {@code <testcase>} per test, a table diff in {@code <failure>}, a bad test file in
 * {@code <error>}, what the pipeline printed in {@code <system-out>} for a test that did not pass.
 */
final class JUnitXml {
    private JUnitXml() {
    }

    static void write(Path file, String suite, String classname, List<TestResult> results, long millis, Instant started) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
                x.writeStartDocument("UTF-8", "1.0");
                x.writeCharacters("\n");
                x.writeStartElement("testsuite");
                x.writeAttribute("name", clean(suite));
                x.writeAttribute("tests", Integer.toString(results.size()));
                x.writeAttribute("failures", Long.toString(results.stream().filter(r -> r.status() == TestResult.Status.FAIL).count()));
                x.writeAttribute("errors", Long.toString(results.stream().filter(r -> r.status() == TestResult.Status.ERROR).count()));
                x.writeAttribute("skipped", "0");
                x.writeAttribute("time", seconds(millis));
                x.writeAttribute("timestamp", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(started.atOffset(ZoneOffset.UTC).withNano(0)));
                for (TestResult r : results) {
                    x.writeCharacters("\n  ");
                    x.writeStartElement("testcase");
                    x.writeAttribute("name", clean(r.name()));
                    x.writeAttribute("classname", clean(classname));
                    x.writeAttribute("time", seconds(r.millis()));
                    x.writeAttribute("file", clean(r.file().toString()));
                    boolean passed = r.status() == TestResult.Status.PASS || r.status() == TestResult.Status.UPDATED;
                    if (r.status() == TestResult.Status.FAIL) {
                        element(x, "failure", r.message(), r.detail());
                    } else if (r.status() == TestResult.Status.ERROR) {
                        element(x, "error", r.message(), r.message());
                    }
                    if (!passed && !r.log().isEmpty()) {
                        x.writeCharacters("\n    ");
                        x.writeStartElement("system-out");
                        x.writeCharacters(clean(r.log()));
                        x.writeEndElement();
                    }
                    if (!passed) {
                        x.writeCharacters("\n  ");
                    }
                    x.writeEndElement();
                }
                x.writeCharacters("\n");
                x.writeEndElement();
                x.writeCharacters("\n");
                x.writeEndDocument();
                x.close();
            }
        } catch (IOException | XMLStreamException e) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot write JUnit XML " + file + ": " + e.getMessage(), e);
        }
    }

    private static void element(XMLStreamWriter x, String name, String message, String text) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement(name);
        x.writeAttribute("message", clean(message));
        x.writeAttribute("type", name.equals("failure") ? "meshkit.golden.TableDiff" : "meshkit.golden.BadTest");
        x.writeCharacters(clean(text));
        x.writeEndElement();
    }

    /** XML 1.0 cannot hold most control characters, even escaped: they become U+FFFD. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
            b.appendCodePoint(ok ? c : 0xFFFD);
        });
        return b.toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
