/**
 * `helsebro` command line: serve, migrate, seed and import. Flags override environment variables,
 * which override the defaults in src/config.ts.
 */
import { parseArgs } from 'node:util';
import { configFromEnv, type Config } from '../config.ts';
import { VERSION } from '../version.ts';
import { commands } from './commands.ts';

const HELP = `helsebro — FHIR R4 hub for work-capacity information between health services and NAV

Usage: helsebro <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(26)}${c.summary}`).join('\n')}

Common options:
  --data-dir DIR       PGlite data directory (env HELSEBRO_DATA_DIR, default .data/helsebro)
  --database-url URL   use PostgreSQL instead of PGlite (env DATABASE_URL)
  -h, --help           show help for a command
  --version            print the version

Run 'helsebro <command> --help' for the options of one command.`;

async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    console.log(HELP);
    return name ? 0 : 1;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    console.log(`helsebro ${VERSION}`);
    return 0;
  }
  const command = commands.find((c) => c.name === name || c.name.startsWith(`${name} `) || `${name} ${rest[0]}` === c.name);
  if (!command) {
    console.error(`Unknown command '${name}'.\n\n${HELP}`);
    return 2;
  }
  const args = command.name.includes(' ') ? rest.slice(1) : rest;
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        'data-dir': { type: 'string' },
        'database-url': { type: 'string' },
        ...command.options,
      },
    });
  } catch (err) {
    // An unknown or incomplete flag: say which, and show this command's own usage.
    console.error(`${err instanceof Error ? err.message : String(err)}\n\nUsage: ${command.help.split('\n')[0]}\nRun 'helsebro ${command.name} --help' for its options.`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(command.help);
    return 0;
  }
  const config: Config = configFromEnv();
  if (parsed.values['data-dir']) config.dataDir = String(parsed.values['data-dir']);
  if (parsed.values['database-url']) config.databaseUrl = String(parsed.values['database-url']);
  return command.run(config, parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/src\//, '/src/'));
if (isMain || process.argv[1]?.endsWith('helsebro') || process.argv[1]?.endsWith('helsebro.js')) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      if (code !== -1) process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
