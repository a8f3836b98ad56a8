import { APP_VERSION } from '../services/version';
import { commands } from './commands';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, processIo, type CliIo } from './io';

function help(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `veldwerk ${APP_VERSION}: offline-first field work for inspection teams`,
    '',
    'Usage: veldwerk <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    '  --version  print the version',
    '  --help     print this help (or: veldwerk <command> --help)',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(help());
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${APP_VERSION}\n`);
    return EXIT_OK;
  }
  const command = commands.find((candidate) => candidate.name === first);
  if (!command) {
    io.stderr(`veldwerk: unknown command "${first}". Run "veldwerk --help" for the list.\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.stderr(`veldwerk ${command.name}: ${error.message}\n${command.usage}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`veldwerk ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}
