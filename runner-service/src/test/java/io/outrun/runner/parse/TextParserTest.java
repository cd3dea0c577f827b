package io.outrun.runner.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.runner.parse.CsvOptions.ColumnType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextParserTest {

  private final TextParser parser = new TextParser(new ParseLimits(10_000, 8));

  @Test
  void csvWithAHeaderIsRowsByColumnNameTypedAsAsked() {
    CsvOptions options =
        new CsvOptions(true, ';', Map.of("amount", ColumnType.NUMBER, "paid", ColumnType.BOOLEAN));

    Object output =
        parsed(csv(options), "name;amount;paid\nAda;12.5;true\n\"B;ob\";7;FALSE\nCy;;\n");

    assertThat(output)
        .isEqualTo(
            Map.of(
                "columns",
                List.of("name", "amount", "paid"),
                "count",
                3,
                "rows",
                List.of(
                    Map.of("name", "Ada", "amount", 12.5, "paid", true),
                    Map.of("name", "B;ob", "amount", 7L, "paid", false),
                    nullValues("Cy"))));
  }

  @Test
  void csvWithoutAHeaderIsRowsOfValuesTypedByIndex() {
    CsvOptions options = new CsvOptions(false, ',', Map.of("1", ColumnType.NUMBER));

    assertThat(parsed(csv(options), "a,1\r\nb,2\r\n"))
        .isEqualTo(Map.of("count", 2, "rows", List.of(List.of("a", 1L), List.of("b", 2L))));
  }

  @Test
  void aCsvCellOfTheWrongTypeNamesItsLineAndColumn() {
    CsvOptions options = new CsvOptions(true, ',', Map.of("amount", ColumnType.NUMBER));

    assertThat(refused(csv(options), "name,amount\nAda,1\nBob,lots\n"))
        .isEqualTo("CSV line 3, column 'amount': 'lots' is not a number");
  }

  @Test
  void aCsvRowOfTheWrongWidthNamesItsLine() {
    assertThat(refused(csv(CsvOptions.DEFAULTS), "a,b\n1,2\n\n3,4\n5\n"))
        .isEqualTo("CSV line 5: 1 fields, expected 2");
  }

  @Test
  void aQuotedFieldSpanningLinesKeepsLaterLineNumbersRight() {
    CsvOptions options = new CsvOptions(true, ',', Map.of("n", ColumnType.NUMBER));

    assertThat(refused(csv(options), "t,n\n\"two\nlines\",1\nx,y\n"))
        .isEqualTo("CSV line 4, column 'n': 'y' is not a number");
  }

  @Test
  void malformedCsvQuotingIsRefusedNamingTheLine() {
    assertThat(refused(csv(CsvOptions.DEFAULTS), "a,b\n1,\"2\"x\n"))
        .isEqualTo("CSV line 2: Invalid character between encapsulated token and delimiter");
  }

  @Test
  void aCsvHeaderNamingAColumnTwiceIsRefused() {
    assertThat(refused(csv(CsvOptions.DEFAULTS), "a,a\n1,2\n")).startsWith("CSV");
  }

  @Test
  void xmlIsElementsAttributesAndRepeatedChildrenAsArrays() {
    String xml =
        "<?xml version=\"1.0\"?><order id=\"7\"><item sku=\"a\">2</item><item sku=\"b\">3</item>"
            + "<note>fast &amp; cheap</note><empty/><![CDATA[<raw>]]></order>";

    assertThat(parsed(format(ParseFormat.XML), xml))
        .isEqualTo(
            Map.of(
                "order",
                Map.of(
                    "@id", "7",
                    "item",
                        List.of(
                            Map.of("@sku", "a", "#text", "2"), Map.of("@sku", "b", "#text", "3")),
                    "note", "fast & cheap",
                    "empty", "",
                    "#text", "<raw>")));
  }

  @Test
  void malformedXmlNamesTheLineAndColumn() {
    assertThat(refused(format(ParseFormat.XML), "<a>\n<b></a>")).startsWith("XML line 2, column ");
  }

  @Test
  void anXxeAttemptIsRefusedAndReadsNothing() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";

    String reason = refused(format(ParseFormat.XML), xxe);

    assertThat(reason).contains("a DOCTYPE is not allowed").doesNotContain("root:");
  }

  @Test
  void anEntityExpansionBombIsRefused() {
    String bomb =
        "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><l>&b;</l>";

    assertThat(refused(format(ParseFormat.XML), bomb)).contains("a DOCTYPE is not allowed");
  }

  @Test
  void xmlNestedPastTheLimitNamesThePath() {
    String deep = "<a>".repeat(9) + "</a>".repeat(9);

    assertThat(refused(format(ParseFormat.XML), deep))
        .isEqualTo("XML at /a/a/a/a/a/a/a/a/a: nested deeper than 8 elements");
  }

  @Test
  void htmlIsItsTitleAndVisibleText() {
    String html =
        "<html><head><title>Offer</title><style>p{}</style></head><body><h1>Hi</h1>"
            + "<p>Price: <b>3</b> EUR<script>steal()</script><p>unclosed";

    assertThat(parsed(format(ParseFormat.HTML_TEXT), html))
        .isEqualTo(Map.of("title", "Offer", "text", "Hi Price: 3 EUR unclosed"));
  }

  @Test
  void formIsAnObjectWithRepeatedNamesAsArrays() {
    assertThat(parsed(format(ParseFormat.FORM), "name=Ada+L&tag=a&tag=b%26c&flag&=x"))
        .isEqualTo(Map.of("name", "Ada L", "tag", List.of("a", "b&c"), "flag", "", "", "x"));
  }

  @Test
  void aBadPercentEscapeNamesThePair() {
    assertThat(refused(format(ParseFormat.FORM), "a=1&b=%zz")).startsWith("form pair 2 ('b=%zz')");
  }

  @Test
  void jsonInAStringIsItsValue() {
    assertThat(parsed(format(ParseFormat.JSON), "{\"a\": [1, true, null, \"x\"]}"))
        .isEqualTo(Map.of("a", java.util.Arrays.asList(1, true, null, "x")));
  }

  @Test
  void malformedJsonNamesTheLineAndColumn() {
    assertThat(refused(format(ParseFormat.JSON), "{\"a\": 1,\n \"b\": }"))
        .startsWith("JSON line 2, column 7: ");
    assertThat(refused(format(ParseFormat.JSON), "{} {}")).startsWith("JSON line 1");
  }

  @Test
  void jsonNestedPastTheLimitIsRefused() {
    assertThat(refused(format(ParseFormat.JSON), "[".repeat(9) + "]".repeat(9)))
        .startsWith("JSON: ")
        .contains("nesting depth (9) exceeds the maximum allowed (8");
  }

  @Test
  void anInputOverTheSizeLimitIsRefusedBeforeParsing() {
    assertThat(refused(format(ParseFormat.JSON), "\"" + "é".repeat(5_000) + "\""))
        .isEqualTo(
            "the input is 10002 bytes, over the limit of 10000 (outrun.runner.parse.max-input-size)");
  }

  @Test
  void anInputThatIsNotTextIsRefusedNamingWhatItIs() {
    assertThat(parser.parse(format(ParseFormat.CSV), Map.of("a", 1)))
        .isEqualTo(new ParseOutcome.Refused("the input ($trigger.body) is an object, not text"));
    assertThat(parser.parse(format(ParseFormat.JSON), null))
        .isEqualTo(new ParseOutcome.Refused("the input ($trigger.body) is null, not text"));
  }

  private static Map<String, Object> nullValues(String name) {
    Map<String, Object> row = new java.util.LinkedHashMap<>();
    row.put("name", name);
    row.put("amount", null);
    row.put("paid", null);
    return row;
  }

  private static ParseSettings csv(CsvOptions options) {
    return new ParseSettings(ParseFormat.CSV, ParseSettings.DEFAULT_INPUT, options);
  }

  private static ParseSettings format(ParseFormat format) {
    return new ParseSettings(format, ParseSettings.DEFAULT_INPUT, CsvOptions.DEFAULTS);
  }

  private Object parsed(ParseSettings settings, String text) {
    ParseOutcome outcome = parser.parse(settings, text);
    assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
    return ((ParseOutcome.Parsed) outcome).value();
  }

  private String refused(ParseSettings settings, String text) {
    ParseOutcome outcome = parser.parse(settings, text);
    assertThat(outcome).isInstanceOf(ParseOutcome.Refused.class);
    return ((ParseOutcome.Refused) outcome).reason();
  }
}
