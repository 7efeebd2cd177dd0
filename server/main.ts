// Entry point: read configuration, build the app, listen, and close gracefully on SIGTERM/SIGINT.
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const app = await buildApp(config);
await app.listen({ port: config.port, host: config.host });
const where = config.host === '0.0.0.0' || config.host === '::' ? `http://localhost:${config.port}` : `http://${config.host}:${config.port}`;
console.log(`Atiende is ready: demo site ${where}/ · help centre ${where}/help · widget ${where}/widget.js`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    app.log.info(`${signal} received, closing`);
    app.close().then(() => process.exit(0), () => process.exit(1));
  });
}
