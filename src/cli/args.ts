/**
 * Option parsing shared by the subcommands: `--name`, `--name value`, `--name=value`, short
 * aliases, and `--` to end options (everything after it is positional, as in git).
 */

/** `flag`: takes no value; `value`: takes one; `list`: may be given several times. */
export type OptionKind = 'flag' | 'value' | 'list';

export interface OptionSpec {
  readonly [name: string]: OptionKind;
}

export interface ParsedArgs {
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly positional: readonly string[];
  /** Positional arguments given after `--`. */
  readonly afterDashes: readonly string[];
}

/**
 * @param spec - Long option names (without `--`) and what they take
 * @param aliases - Short options (`-f`) and the long name each stands for
 * @returns the parsed arguments, or a message for the usage error
 */
export function parseArgs(args: readonly string[], spec: OptionSpec, aliases: Readonly<Record<string, string>> = {}): ParsedArgs | string {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const positional: string[] = [];
  const afterDashes: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      afterDashes.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const written = eq > 0 ? arg.slice(0, eq) : arg;
    const name = aliases[written] ?? (written.startsWith('--') ? written.slice(2) : undefined);
    const kind = name === undefined ? undefined : spec[name];
    if (name === undefined || kind === undefined) return `unknown option '${written}'`;
    if (kind === 'flag') {
      if (eq > 0) return `option ${written} takes no value`;
      flags.add(name);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) return `option ${written} needs a value`;
    if (kind === 'value') values.set(name, value);
    else lists.set(name, [...(lists.get(name) ?? []), value]);
  }
  return { flags, values, lists, positional, afterDashes };
}

/**
 * The value of an option that takes one of a few words, or an error message.
 *
 * @param allowed - The words accepted, the first being the default
 */
export function choice<T extends string>(parsed: ParsedArgs, name: string, allowed: readonly T[]): T | { error: string } {
  const value = parsed.values.get(name);
  if (value === undefined) return allowed[0];
  if ((allowed as readonly string[]).includes(value)) return value as T;
  return { error: `--${name} must be one of ${allowed.join(', ')}; got '${value}'` };
}
