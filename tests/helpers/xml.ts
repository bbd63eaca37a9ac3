// Strict checks for generated XML (feeds, SVG): well-formed by a real parser, and only XML 1.0 characters.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** Characters outside XML 1.0's `Char` production (https://www.w3.org/TR/xml/#charsets): not even escapable. */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * Why `xml` is not a well-formed XML 1.0 document, or undefined when it is. fast-xml-parser's validator checks
 * the markup but lets control characters through, so the character rule is checked here.
 */
export function xmlProblem(xml: string): string | undefined {
  const bad = NOT_XML_CHAR.exec(xml);
  if (bad) return `character U+${bad[0].codePointAt(0)?.toString(16).padStart(4, '0')} at ${bad.index}`;
  const result = XMLValidator.validate(xml);
  return result === true ? undefined : `${result.err.msg} (line ${result.err.line})`;
}

/** An RSS 2.0 document as fast-xml-parser reads it (text values kept as strings, entities decoded). */
export interface ParsedRss {
  rss: {
    '@_version': string;
    channel: {
      title: string;
      link: string;
      item?: {
        title: string;
        link: string;
        guid: { '#text': string; '@_isPermaLink': string };
        pubDate: string;
        description: string;
        'content:encoded'?: string;
        'dc:creator'?: string | string[];
      }[];
    };
  };
}

/** Parses an RSS document with a real XML parser (call `xmlProblem` first: this parser is lenient). */
export function parseRss(xml: string): ParsedRss {
  return new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    isArray: (name) => name === 'item',
  }).parse(xml) as ParsedRss;
}
