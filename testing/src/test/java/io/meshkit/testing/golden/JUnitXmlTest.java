package io.meshkit.testing.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** JUnit XML stays well-formed whatever a diff holds: markup, CDATA ends, control characters. */
class JUnitXmlTest {
    @TempDir
    Path tmp;

    @Test
    void escapesMarkupAndReplacesCharactersXmlCannotHold() throws Exception {
        String nasty = "- 1 | <b>&amp;</b> ]]> \"quoted\" 'single' \u0001\u0007 tab\there";
        List<TestResult> results = List.of(
                new TestResult("a/ok", Path.of("tests/a/ok.test.yaml"), TestResult.Status.PASS, 1234, "", "t: 3 rows match", 0, "log", ""),
                new TestResult("diff", Path.of("tests/diff.test.yaml"), TestResult.Status.FAIL, 50, "t <differs> & more", nasty, 1,
                        "pipeline \u001b[31mlog", ""),
                new TestResult("bad", Path.of("tests/bad.test.yaml"), TestResult.Status.ERROR, 0,
                        "tests/bad.test.yaml:2:1: error: unknown key 'expekt'", "", 2, "", ""));
        Path file = tmp.resolve("out/junit.xml");
        JUnitXml.write(file, "meshkit test <project>", "golden.music", results, 1300, Instant.parse("2026-11-23T10:15:30.5Z"));

        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        assertThat(suite.getAttribute("name")).isEqualTo("meshkit test <project>");
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("time")).isEqualTo("1.300");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-11-23T10:15:30");
        Element ok = (Element) suite.getElementsByTagName("testcase").item(0);
        assertThat(ok.getAttribute("name")).isEqualTo("a/ok");
        assertThat(ok.getAttribute("time")).isEqualTo("1.234");
        assertThat(ok.getChildNodes().getLength()).as("a pass has no children").isZero();
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("t <differs> & more");
        assertThat(failure.getTextContent()).isEqualTo("- 1 | <b>&amp;</b> ]]> \"quoted\" 'single' \uFFFD\uFFFD tab\there");
        assertThat(suite.getElementsByTagName("system-out").item(0).getTextContent()).isEqualTo("pipeline \uFFFD[31mlog");
        Element error = (Element) suite.getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).isEqualTo("tests/bad.test.yaml:2:1: error: unknown key 'expekt'");
        assertThat(suite.getElementsByTagName("system-out").getLength()).as("only a test that did not pass shows its log").isEqualTo(1);
    }
}
