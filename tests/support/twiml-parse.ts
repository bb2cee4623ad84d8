/**
 * Parses TwiML into a small tree tests can assert on, with fast-xml-parser in
 * strict mode: text that is not well-formed XML fails here.
 * Deliberately separate from tools/emulator/twiml-document.ts: tests must not trust the
 * parser of the tool they check, or a bug in it would pass its own tests.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface TwimlNode {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly text: string;
  readonly children: readonly TwimlNode[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/** XML 1.0 forbids these characters, even as character references; fast-xml-parser lets them by. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_INVALID_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const CHARACTER_REFERENCE = /&#(x[0-9a-f]+|\d+);/gi;

function hasForbiddenCharacter(xml: string): boolean {
  if (XML_INVALID_CHARACTER.test(xml)) return true;
  for (const [, ref] of xml.matchAll(CHARACTER_REFERENCE)) {
    const code =
      ref!.startsWith('x') || ref!.startsWith('X') ? parseInt(ref!.slice(1), 16) : Number(ref);
    if (XML_INVALID_CHARACTER.test(String.fromCodePoint(Math.min(code, 0x10ffff)))) return true;
  }
  return false;
}

export function parseTwiml(xml: string): TwimlNode {
  if (hasForbiddenCharacter(xml)) throw new Error('not well-formed XML: forbidden character');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg}`);
  const nodes = (parser.parse(xml) as OrderedNode[]).map(toNode).filter(isElement);
  const root = nodes.find((node) => node.name !== '?xml');
  if (!root) throw new Error('no root element');
  return root;
}

function toNode(raw: OrderedNode): TwimlNode {
  const name = Object.keys(raw).find((key) => key !== ':@') ?? '';
  const content = raw[name];
  if (name === '#text') {
    return { name, attributes: {}, text: String(content), children: [] };
  }
  const children = Array.isArray(content) ? (content as OrderedNode[]).map(toNode) : [];
  return {
    name,
    attributes: raw[':@'] ?? {},
    text: children
      .filter((child) => child.name === '#text')
      .map((child) => child.text)
      .join(''),
    children: children.filter(isElement),
  };
}

function isElement(node: TwimlNode): boolean {
  return node.name !== '#text' && node.name !== '#comment';
}

/** Verb names in document order, depth first (`Dial`, `Number`, ...), root excluded. */
export function verbsOf(root: TwimlNode): string[] {
  return root.children.flatMap((child) => [child.name, ...verbsOf(child)]);
}
