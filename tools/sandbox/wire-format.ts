/**
 * Between the stand-in's records (twilio-node's camelCase names) and the API's wire
 * names: snake_case in JSON answers, PascalCase in form parameters.
 */
import type { Json } from './openapi-contract';

export function snakeCaseOf(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** `VoiceFallbackUrl` → `voiceFallbackUrl`. */
export function camelCaseOfParameter(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** A record's fields under their wire names (arrays of SIDs and other internals left out). */
export function wireFieldsOf(record: object, omit: readonly string[] = []): Record<string, Json> {
  const fields: Record<string, Json> = {};
  for (const [key, value] of Object.entries(record)) {
    if (omit.includes(key) || Array.isArray(value)) continue;
    fields[snakeCaseOf(key)] = value as Json;
  }
  return fields;
}

/**
 * Applies form parameters to a record: only fields the record has, never its SID or
 * number. An empty value unsets a field (how the API clears a URL or SID); `true`/
 * `false` set a boolean field. Returns the record fields that changed.
 */
export function applyForm<T extends object>(
  record: T,
  form: Readonly<Record<string, string>>,
): (keyof T)[] {
  const changed: (keyof T)[] = [];
  const fields = record as Record<string, unknown>;
  for (const [parameter, raw] of Object.entries(form)) {
    const key = camelCaseOfParameter(parameter);
    if (!(key in fields) || key === 'sid' || key === 'phoneNumber') continue;
    const value =
      typeof fields[key] === 'boolean' ? raw === 'true' : raw.trim() === '' ? null : raw;
    if (fields[key] !== value) {
      fields[key] = value;
      changed.push(key as keyof T);
    }
  }
  return changed;
}
