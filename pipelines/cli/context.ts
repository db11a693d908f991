// What main.ts hands each command module: the logger and the config reader.
import type { Command } from 'commander';
import type { ConsolaInstance } from 'consola';
import type { Config } from '../config.ts';

export interface CliContext {
  log: ConsolaInstance;
  configFrom: (cmd: Command) => Config;
}
