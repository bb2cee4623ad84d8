/**
 * Where a call or message goes after a TwiML document: the URL Twilio requests next
 * (`<Redirect>`, or a `<Gather>`/`<Record>` action once the caller pressed keys), or
 * nowhere. Relative URLs resolve against the document's own URL, as Twilio's do.
 */
import { parseHttpMethod, type HttpMethod } from '../../src/request/http-method';
import type { TwimlElement } from './twiml-document';
import { gatherActionParams, recordActionParams } from './webhook-params';
import type { WebhookKind } from '../../src/request/webhook-request';
import { parseUrl } from '../../src/request/http-url';

export type NextHop =
  | {
      readonly type: 'redirect' | 'action';
      readonly verb: string;
      readonly url: string;
      readonly method: HttpMethod;
      /** Parameters the verb adds to the call's own (`Digits`, `RecordingUrl`). */
      readonly params: Readonly<Record<string, string>>;
      /** The caller's digits were used up by this hop. */
      readonly usedDigits: boolean;
    }
  | { readonly type: 'end'; readonly reason: string };

export interface NextHopContext {
  readonly documentUrl: string;
  readonly kind: WebhookKind;
  /** Keys the caller presses at the first `<Gather>`/`<Record>`; none: they press nothing. */
  readonly digits: string | undefined;
  readonly accountSid: string;
}

export function nextHop(verbs: readonly TwimlElement[], context: NextHopContext): NextHop {
  for (const verb of verbs) {
    switch (verb.name) {
      case 'Redirect':
        return hop('redirect', verb, verb.text.trim(), context, {}, false);
      case 'Gather':
      case 'Record': {
        // Without keys pressed a Gather times out and the document goes on; a Record
        // would record silence. Only a keypress is emulated.
        if (context.kind !== 'voice' || context.digits === undefined) continue;
        const params =
          verb.name === 'Gather'
            ? gatherActionParams(context.digits)
            : recordActionParams(context.digits, context.accountSid);
        // No action attribute: Twilio requests the current document's URL again.
        const target = verb.attributes.action ?? context.documentUrl;
        return hop('action', verb, target, context, params, true);
      }
      case 'Hangup':
      case 'Reject':
        return { type: 'end', reason: `<${verb.name}> ends the call` };
      case 'Dial':
        if (verb.attributes.action !== undefined) {
          return {
            type: 'end',
            reason: '<Dial action> is not followed: the dialed call is not emulated',
          };
        }
        continue;
      default:
        continue;
    }
  }
  return { type: 'end', reason: 'end of the document' };
}

function hop(
  type: 'redirect' | 'action',
  verb: TwimlElement,
  target: string,
  context: NextHopContext,
  params: Record<string, string>,
  usedDigits: boolean,
): NextHop {
  // A target that is not an absolute http(s) URL is still the next hop: requesting it
  // fails with 11100 (Invalid URL format), which sends the call to the fallback.
  const url = parseUrl(target, context.documentUrl)?.toString() ?? target;
  // Twilio's default for a verb's method is POST.
  const parsed = parseHttpMethod(verb.attributes.method ?? '');
  const method = parsed.ok ? parsed.value : 'POST';
  return { type, verb: verb.name, url, method, params, usedDigits };
}
