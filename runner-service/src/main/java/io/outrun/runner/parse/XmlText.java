package io.outrun.runner.parse;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * XML (the JDK's parser, DOCTYPEs refused: no external entities, no entity expansion, no DTD
 * fetched) as {@code {"<root>": value}}. An element with neither attributes nor child elements is
 * its text; any other is an object of {@code "@attribute"} values, child elements by name (an array
 * when one repeats) and its own non-blank text as {@code "#text"}. Names are kept as written,
 * prefixes included. Errors name the line and column, or the element path past the depth limit.
 */
final class XmlText {

  private static final String DISALLOW_DOCTYPE =
      "http://apache.org/xml/features/disallow-doctype-decl";

  private XmlText() {}

  static ParseOutcome parse(String text, int maxDepth) {
    Document document;
    try {
      document = builder().parse(new InputSource(new StringReader(text)));
    } catch (SAXParseException e) {
      return new ParseOutcome.Refused(
          "XML line "
              + e.getLineNumber()
              + ", column "
              + e.getColumnNumber()
              + ": "
              + explained(e.getMessage()));
    } catch (SAXException | IOException | ParserConfigurationException e) {
      return new ParseOutcome.Refused("XML: " + e.getMessage());
    }
    Element root = document.getDocumentElement();
    try {
      Map<String, Object> output = new LinkedHashMap<>();
      output.put(root.getTagName(), value(root, "/" + root.getTagName(), 1, maxDepth));
      return new ParseOutcome.Parsed(output);
    } catch (TooDeep tooDeep) {
      return new ParseOutcome.Refused(
          "XML at " + tooDeep.getMessage() + ": nested deeper than " + maxDepth + " elements");
    }
  }

  private static DocumentBuilder builder() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(DISALLOW_DOCTYPE, true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(false);
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setErrorHandler(Throwing.INSTANCE);
    builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
    return builder;
  }

  private static String explained(String message) {
    return message != null && message.contains("DOCTYPE")
        ? "a DOCTYPE is not allowed (no DTDs or entities are read)"
        : message;
  }

  private static Object value(Element element, String path, int depth, int maxDepth) {
    if (depth > maxDepth) {
      throw new TooDeep(path);
    }
    Map<String, Object> object = new LinkedHashMap<>();
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Node attribute = attributes.item(i);
      object.put("@" + attribute.getNodeName(), attribute.getNodeValue());
    }
    StringBuilder text = new StringBuilder();
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node child = children.item(i);
      switch (child.getNodeType()) {
        case Node.ELEMENT_NODE -> {
          String name = child.getNodeName();
          add(object, name, value((Element) child, path + "/" + name, depth + 1, maxDepth));
        }
        case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text.append(child.getNodeValue());
        default -> {
          // comments and processing instructions are not data
        }
      }
    }
    if (object.isEmpty()) {
      return text.toString();
    }
    if (!text.toString().isBlank()) {
      object.put("#text", text.toString().strip());
    }
    return object;
  }

  @SuppressWarnings("unchecked")
  private static void add(Map<String, Object> object, String name, Object value) {
    Object earlier = object.get(name);
    if (earlier == null) {
      object.put(name, value);
    } else if (earlier instanceof List<?> list) { // an element's value is never a list
      ((List<Object>) list).add(value);
    } else {
      List<Object> values = new ArrayList<>();
      values.add(earlier);
      values.add(value);
      object.put(name, values);
    }
  }

  /** Fails the parse at the first warning or error, rather than printing it. */
  private enum Throwing implements ErrorHandler {
    INSTANCE;

    @Override
    public void warning(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }
  }

  private static final class TooDeep extends RuntimeException {
    TooDeep(String path) {
      super(path, null, false, false);
    }
  }
}
