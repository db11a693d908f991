// The config file's default name: apart from config.ts, so that the CLI's --help can name it
// without loading the config's schema (zod, yaml).
export const DEFAULT_CONFIG_FILE = 'xian-report.config.yaml';
