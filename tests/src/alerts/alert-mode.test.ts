import type { AlertKind } from '../../../src/alerts/alert';
import { fallbackSendsAlert, type AlertMode } from '../../../src/alerts/alert-mode';

it.each<[AlertKind, AlertMode, boolean]>([
  ['fallback', 'inline', true],
  ['fallback', 'both', true],
  ['fallback', 'events', false],
  // No Twilio error event ever carries a voicemail: only the fallback can tell.
  ['voicemail', 'events', true],
  ['voicemail', 'inline', true],
])('a %s alert in ALERT_MODE=%s is sent by the fallback: %s', (kind, mode, expected) => {
  expect(fallbackSendsAlert(kind, mode)).toBe(expected);
});
