/** Parsed command-line flags: `--name value`, `--flag`, and positional arguments. */
export interface CliArgs {
  flags: Map<string, string | true>;
  positional: string[];
}

/** Parses argv after the script name; `--x=y` and `--x y` both work, `--` ends flags. */
export function parseCliArgs(argv: string[], booleanFlags: string[] = []): CliArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (eq > 0) flags.set(name, arg.slice(eq + 1));
    else if (booleanFlags.includes(name) || i + 1 >= argv.length || argv[i + 1]?.startsWith("--"))
      flags.set(name, true);
    else flags.set(name, argv[++i] as string);
  }
  return { flags, positional };
}
