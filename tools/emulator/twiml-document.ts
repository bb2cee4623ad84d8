/**
 * Decides, as Twilio does, whether a successful HTTP answer is TwiML it can execute:
 * size, Content-Type, well-formed XML (fast-xml-parser's validator), `<Response>` root.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { twiml } from 'twilio';
import { XML_INVALID_CHARACTER } from '../../src/config/validators';
import type { FailureMode } from './failure-modes';
import {
  MAX_TWIML_BYTES,
  PLAYED_CONTENT_TYPES,
  SPOKEN_CONTENT_TYPE,
  TWIML_CONTENT_TYPES,
} from './twilio-limits';
import type { WebhookKind } from './webhook-params';

export interface TwimlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** The element's own text (a `<Redirect>` URL, a `<Say>` sentence). */
  readonly text: string;
  readonly children: readonly TwimlElement[];
}

export type TwimlCheck =
  | { readonly ok: true; readonly xml: string; readonly verbs: readonly TwimlElement[] }
  | { readonly ok: false; readonly mode: FailureMode; readonly detail: string };

export interface HttpAnswer {
  readonly contentType: string | undefined;
  readonly body: Buffer;
  readonly bodyTooLarge: boolean;
}

/**
 * @param documentUrl the URL that answered: a call answered with audio plays it, so the
 *   document Twilio acts on is `<Play>` of that URL.
 */
export function checkTwimlAnswer(
  kind: WebhookKind,
  answer: HttpAnswer,
  documentUrl?: string,
): TwimlCheck {
  const mediaType = (answer.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (kind === 'voice' && PLAYED_CONTENT_TYPES.includes(mediaType)) {
    // Played, then the call ends; the 64 kB TwiML limit is not an audio file's.
    const response = new twiml.VoiceResponse();
    response.play(documentUrl ?? '');
    const xml = response.toString();
    return { ok: true, xml, verbs: parseRoots(xml)[0]?.children ?? [] };
  }
  if (answer.bodyTooLarge) {
    return { ok: false, mode: 'body-too-large', detail: `body over ${MAX_TWIML_BYTES} bytes` };
  }
  const body = answer.body.toString('utf8');
  if (body.trim() === '') {
    // An empty 2xx to a message (a 204, typically) is the common way to send no reply;
    // a call has nothing to execute. Both inferred: Twilio documents neither.
    return kind === 'sms'
      ? { ok: true, xml: '', verbs: [] }
      : { ok: false, mode: 'not-well-formed', detail: 'empty body: no TwiML document' };
  }
  const spoken = kind === 'voice' && mediaType === SPOKEN_CONTENT_TYPE;
  // Read aloud: the document Twilio acts on is a <Say> of the text (real TwiML classes).
  const xml = spoken ? new twiml.VoiceResponse().say(body).toString() : body;
  if (!spoken && !TWIML_CONTENT_TYPES.includes(mediaType)) {
    return {
      ok: false,
      mode: 'wrong-content-type',
      detail: `Content-Type ${mediaType === '' ? '(none)' : mediaType}`,
    };
  }
  // XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF anywhere in a
  // document (https://www.w3.org/TR/xml/#charsets): Twilio's parser refuses it (12100).
  const forbidden = XML_INVALID_CHARACTER.exec(xml);
  if (forbidden) {
    return {
      ok: false,
      mode: 'not-well-formed',
      detail: `character U+${codePointHex(forbidden[0])} is not allowed in XML`,
    };
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return {
      ok: false,
      mode: 'not-well-formed',
      detail: `line ${valid.err.line}: ${valid.err.msg}`,
    };
  }
  const gap = wellFormednessGap(xml);
  if (gap !== undefined) return { ok: false, mode: 'not-well-formed', detail: gap };
  const roots = parseRoots(xml);
  if (roots.length > 1) {
    return { ok: false, mode: 'not-well-formed', detail: `${roots.length} root elements` };
  }
  const [root] = roots;
  if (root?.name !== 'Response') {
    return {
      ok: false,
      mode: 'wrong-root',
      detail: root ? `root element <${root.name}>` : 'no root element',
    };
  }
  return { ok: true, xml, verbs: root.children };
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function parseRoots(xml: string): TwimlElement[] {
  const nodes = (parser.parse(xml) as OrderedNode[]).map(toElement);
  return nodes.filter((node) => !node.name.startsWith('?') && !node.name.startsWith('#'));
}

const PREDEFINED_ENTITY = /^(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+)$/;

/**
 * What fast-xml-parser's validator lets through but XML forbids: text after the root
 * element, and entities TwiML cannot define (`&nbsp;`; a document has no DTD).
 */
function wellFormednessGap(xml: string): string | undefined {
  const trailing = xml.slice(xml.lastIndexOf('>') + 1).trim();
  if (trailing !== '') return `text after the root element: ${trailing.slice(0, 40)}`;
  const markup = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, '');
  for (const [, name] of markup.matchAll(/&([^;\s<&]*);/g)) {
    if (!PREDEFINED_ENTITY.test(name ?? '')) return `undefined entity &${name};`;
    const reference = referencedCharacter(name ?? '');
    if (reference !== undefined && !isXmlCharacter(reference)) {
      return `character reference &${name}; names a character XML does not allow`;
    }
  }
  return undefined;
}

/** The code point a `#123` / `#x7B` reference names; undefined for named entities. */
function referencedCharacter(name: string): number | undefined {
  if (/^#\d+$/.test(name)) return Number(name.slice(1));
  if (/^#x[0-9a-fA-F]+$/.test(name)) return Number.parseInt(name.slice(2), 16);
  return undefined;
}

/** XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
function isXmlCharacter(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function codePointHex(character: string): string {
  return (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

function toElement(raw: OrderedNode): TwimlElement {
  const name = Object.keys(raw).find((key) => key !== ':@') ?? '#text';
  const content = raw[name];
  if (!Array.isArray(content)) {
    return { name, attributes: {}, text: name === '#text' ? String(content) : '', children: [] };
  }
  const nodes = (content as OrderedNode[]).map(toElement);
  return {
    name,
    attributes: raw[':@'] ?? {},
    text: nodes
      .filter((node) => node.name === '#text')
      .map((node) => node.text)
      .join(''),
    children: nodes.filter((node) => !node.name.startsWith('#')),
  };
}

/** Verb and noun names in document order, depth first (`Gather`, `Say`, `Hangup`). */
export function verbNames(verbs: readonly TwimlElement[]): string[] {
  return verbs.flatMap((verb) => [verb.name, ...verbNames(verb.children)]);
}
