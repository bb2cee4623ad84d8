import type { AppConfig } from '../config/variables';
import { explainErrorCode } from '../errors/explain-error';
import { fallbackRecord, type FallbackRecord } from '../logging/fallback-record';
import { readParam, type RawEvent } from '../request/read-param';
import { redactUrl } from '../request/redact-url';
import { readWebhookRequest } from '../request/webhook-request';
import type { TwimlClasses, TwimlDocument } from '../runtime/twiml';
import { say } from './say';

export interface FallbackAnswer {
  readonly twiml: TwimlDocument;
  /** What to log for this invocation. */
  readonly record: FallbackRecord;
}

/**
 * Reads `ErrorCode` / `ErrorUrl`, explains them, and answers the caller or texter.
 * No request text reaches the TwiML: the answer is built only from configuration.
 */
export function answerFallback(
  twiml: TwimlClasses,
  config: AppConfig,
  event: RawEvent,
): FallbackAnswer {
  const request = readWebhookRequest(event);
  const explanation = explainErrorCode(readParam(event, 'ErrorCode'));
  const record = fallbackRecord(request, explanation, redactUrl(readParam(event, 'ErrorUrl')));

  if (request.kind === 'sms') {
    const response = new twiml.MessagingResponse();
    if (config.fallbackSmsReply !== '') response.message(config.fallbackSmsReply);
    return { twiml: response, record };
  }
  const response = new twiml.VoiceResponse();
  say(response, config, config.fallbackMessage);
  response.hangup();
  return { twiml: response, record };
}
