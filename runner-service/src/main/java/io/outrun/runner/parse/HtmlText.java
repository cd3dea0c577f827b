package io.outrun.runner.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * HTML (jsoup, as a browser would read it, however malformed) as {@code {"title": "...", "text":
 * "..."}}: the visible text of the body with whitespace collapsed, scripts and styles left out.
 * Nothing is fetched.
 */
final class HtmlText {

  private HtmlText() {}

  static ParseOutcome parse(String html) {
    Document document = Jsoup.parse(html);
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("title", document.title());
    output.put("text", document.body() == null ? "" : document.body().text());
    return new ParseOutcome.Parsed(output);
  }
}
