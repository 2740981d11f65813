/** Where the command line writes: the real terminal, or a buffer in tests. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  env: process.env,
};

/** An error whose message is for the operator as it is (no stack trace); the process exits with 1. */
export class CliError extends Error {}
