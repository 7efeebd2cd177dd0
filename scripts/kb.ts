// `npm run kb -- export DIR` and `npm run kb -- import DIR [--force]`: the articles of the database
// DATA_DIR selects (as the server does), to and from a folder of markdown files.
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { exportDirectory } from '../server/kb/export.ts';
import { importDirectory } from '../server/kb/import.ts';

const USAGE = 'usage: npm run kb -- export DIR | npm run kb -- import DIR [--force]';

function main(args: string[]): number {
  const [command, dir, ...rest] = args;
  const force = rest.includes('--force');
  const unknown = rest.filter((a) => a !== '--force');
  if (!dir || (command !== 'export' && command !== 'import') || unknown.length || (command === 'export' && force)) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const db = openDatabase(config.dataDir);
  try {
    if (command === 'export') {
      const { written } = exportDirectory(db, resolve(dir));
      console.log(`Exported ${written} published articles from ${config.dataDir} to ${resolve(dir)}`);
      return 0;
    }
    const report = importDirectory(db, resolve(dir), { force });
    for (const s of report.skipped) console.warn(`skipped ${s.file}: ${s.reason}`);
    for (const c of report.conflicts) console.warn(`not imported ${c.file}: ${c.reason}`);
    console.log(
      `Imported ${resolve(dir)} into ${config.dataDir}: ${report.created} new, ${report.updated} updated, ${report.unchanged} unchanged, ` +
        `${report.conflicts.length} left as they were, ${report.skipped.length} skipped. A running server picks the changes up within seconds.`,
    );
    return report.conflicts.length || report.skipped.length ? 1 : 0;
  } finally {
    db.$client.close();
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : (err as Error).message);
  process.exitCode = 1;
}
