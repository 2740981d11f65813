import { runCli } from './cli/program.ts';

/** `npm run unionhall -- <command>` and bin/unionhall.js land here. */
const code = await runCli(process.argv.slice(2));
process.exit(code);
