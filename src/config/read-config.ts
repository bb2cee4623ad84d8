import { instanceState } from '../runtime/instance-state';
import { checkSayPair } from './say-pair';
import { variables, type AppConfig, type VariableSpec } from './variables';

/** A variable that was set but cannot be used as it is. */
export interface ConfigProblem {
  readonly variable: string;
  readonly reason: string;
  /**
   * What happens instead, for the log line. Unset: the variable's default is used
   * (what readConfig does with a malformed value).
   */
  readonly consequence?: string;
}

export interface ConfigReading {
  readonly config: AppConfig;
  readonly problems: readonly ConfigProblem[];
}

type Environment = Readonly<Record<string, unknown>>;

const VARIABLE_ENTRIES = Object.entries(variables) as [string, VariableSpec<unknown>][];
/** The environment names, in the order of VARIABLE_ENTRIES. */
const VARIABLE_NAMES: readonly string[] = VARIABLE_ENTRIES.map(([, variable]) => variable.name);

/**
 * Reads every variable from the Function context (or `process.env`).
 * Never throws: an unset or empty variable takes its default silently, a malformed
 * one takes its default and is reported, so a typo in `.env` cannot break a call.
 *
 * The same raw values give the same reading, so it is parsed once per instance and
 * reused (kept in instanceState: a warm instance's environment never changes;
 * parsing URLs and patterns on every request was a measurable share of the
 * fallback's time in `npm run bench`). The runtime hands every request a new
 * `context` holding the same values, so the check compares the values one by one
 * (no key string is built per request).
 */
export function readConfig(env: Environment): ConfigReading {
  const last = instanceState.lastConfigReading;
  if (last !== undefined && sameRawValues(env, last.rawValues)) return last.reading;
  const problems: ConfigProblem[] = [];
  const config: Record<string, unknown> = {};
  for (const [name, variable] of VARIABLE_ENTRIES) {
    config[name] = readVariable(env, variable, problems);
  }
  const pair = readSayPair(env, config as AppConfig, problems);
  config.sayVoice = pair.voice;
  config.sayLanguage = pair.language;
  problems.push(...pair.problems);
  const reading: ConfigReading = { config: config as AppConfig, problems };
  const rawValues = cacheableRawValues(env);
  if (rawValues !== undefined) instanceState.lastConfigReading = { rawValues, reading };
  return reading;
}

/** SAY_VOICE and SAY_LANGUAGE checked as the pair a <Say> carries (./say-pair.ts). */
function readSayPair(env: Environment, config: AppConfig, problems: readonly ConfigProblem[]) {
  const rawLanguage = env[variables.sayLanguage.name];
  const languageIsSet =
    typeof rawLanguage === 'string' &&
    rawLanguage.trim() !== '' &&
    !problems.some((problem) => problem.variable === variables.sayLanguage.name);
  return checkSayPair(
    { voice: config.sayVoice, language: config.sayLanguage },
    { voice: variables.sayVoice.defaultValue, language: variables.sayLanguage.defaultValue },
    languageIsSet,
  );
}

/** The raw values in the order of VARIABLE_NAMES, or undefined when one is not text (never cached then). */
function cacheableRawValues(env: Environment): unknown[] | undefined {
  const values: unknown[] = [];
  for (const name of VARIABLE_NAMES) {
    const raw = env[name];
    if (raw !== undefined && raw !== null && typeof raw !== 'string') return undefined;
    values.push(raw ?? undefined);
  }
  return values;
}

/** Whether `env` holds exactly `rawValues` (unset and null alike, as readVariable treats them). */
function sameRawValues(env: Environment, rawValues: readonly unknown[]): boolean {
  for (let i = 0; i < VARIABLE_NAMES.length; i += 1) {
    if ((env[VARIABLE_NAMES[i] as string] ?? undefined) !== rawValues[i]) return false;
  }
  return true;
}

function readVariable<T>(
  env: Environment,
  variable: VariableSpec<T>,
  problems: ConfigProblem[],
): T {
  const raw = env[variable.name];
  if (raw === undefined || raw === null) return variable.defaultValue;
  if (typeof raw !== 'string') {
    problems.push({ variable: variable.name, reason: 'is not text' });
    return variable.defaultValue;
  }
  const trimmed = raw.trim();
  if (trimmed === '') return variable.defaultValue;
  const parsed = variable.parse(trimmed);
  if (parsed.ok) return parsed.value;
  problems.push({ variable: variable.name, reason: parsed.reason });
  return variable.defaultValue;
}
