/**
 * Twilio's Webhooks configuration API (webhooks.twilio.com/v1/Webhooks, Public Beta) as
 * the tools read it: the Rules and Settings lists, paged the version-1 way. Like every
 * version-1 product it serves the account that authenticates. An account whose
 * `webhooks.enabled` is false answers 403 to everything (inferred: Twilio does not
 * document the status for an account without the beta). The contract is the project's
 * own OpenAPI file written from Twilio's pages (webhooks-v1.openapi.json): Twilio
 * publishes none for this API.
 */
import { resolve } from 'node:path';
import { twilioErrorBody, type Json } from './openapi-contract';
import { pageV1 } from './pagination';
import { listed, notServed, type Answer, type Call } from './stand-in-call';

/** The stand-in's OpenAPI description of the API (not Twilio's file; see its info.description). */
export const WEBHOOKS_SPEC_FILE = resolve(__dirname, 'webhooks-v1.openapi.json');

const RULES = '/v1/Webhooks/Rules';
const SETTINGS = '/v1/Webhooks/Settings';
const ORIGIN = 'https://webhooks.twilio.com';

/** Error code of the "not enabled" answer (inferred: Twilio's generic 403 code). */
export const WEBHOOKS_NOT_ENABLED_CODE = 20403;

export function handleWebhooks(call: Call): Answer {
  const { webhooks } = call.caller;
  if (!webhooks.enabled) {
    return {
      status: 403,
      body: twilioErrorBody(
        403,
        WEBHOOKS_NOT_ENABLED_CODE,
        'The Webhooks configuration API is not enabled for this account',
      ),
    };
  }
  if (call.method !== 'GET') return notServed(call);
  if (call.template === RULES) {
    const byId = new Map(webhooks.rules.map((rule) => [rule.id, rule]));
    const { items, total, request } = listed([...byId.keys()], call, (id) => ({
      ...(byId.get(id)! as unknown as Record<string, Json>),
    }));
    return { status: 200, body: pageV1('rules', ORIGIN, RULES, items, total, request) };
  }
  if (call.template === SETTINGS) {
    const byId = new Map(webhooks.settings.map((setting) => [setting.id, setting]));
    const { items, total, request } = listed([...byId.keys()], call, (id) => ({
      // Twilio requires an auth part on every Setting; this project never reads it.
      auth: { type: 'NONE' },
      ...(byId.get(id)! as unknown as Record<string, Json>),
    }));
    return { status: 200, body: pageV1('settings', ORIGIN, SETTINGS, items, total, request) };
  }
  return notServed(call);
}
