/**
 * The runtime globals a bundled Function expects (`Twilio`, with the real TwiML
 * classes and the runtime's Response), for tests that call a handler directly.
 */
import * as twilio from 'twilio';

export class TestResponse {
  statusCode = 200;
  body: unknown = undefined;
  headers: Record<string, string> = {};
  setStatusCode(code: number): this {
    this.statusCode = code;
    return this;
  }
  setBody(body: unknown): this {
    this.body = body;
    return this;
  }
  appendHeader(key: string, value: string): this {
    this.headers[key] = value;
    return this;
  }
  setHeaders(headers: Record<string, string>): this {
    this.headers = { ...headers };
    return this;
  }
}

export function installTwilioGlobals(): void {
  (globalThis as Record<string, unknown>).Twilio = { ...twilio, Response: TestResponse };
}

export const twiml = twilio.twiml;
