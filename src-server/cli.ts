// `npm run server -- <command>` / `npm run serve`: the operator's entry point. Messages to the operator are Chinese.
import { runCli, nodeIo } from './cli-commands';

runCli(process.argv.slice(2), nodeIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`意外错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  },
);
