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

/**
 * Reads every variable from the Function context (or `process.env`).
 * Never throws: an unset or empty variable takes its default silently, a malformed
 * one takes its default and is reported, so a typo in `.env` cannot break a call.
 */
export function readConfig(env: Environment): ConfigReading {
  const problems: ConfigProblem[] = [];
  const config: Record<string, unknown> = {};
  for (const [key, variable] of Object.entries(variables) as [string, VariableSpec<unknown>][]) {
    config[key] = readVariable(env, variable, problems);
  }
  return { config: config as AppConfig, problems };
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
