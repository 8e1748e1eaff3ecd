/** `npm start`: the demo page and the reference endpoint on http://127.0.0.1:8080 (HOST, PORT). */
import { createApp } from './app.js';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 8080);

const server = createApp({ root });
server.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`ozg-forms demo:            http://${host}:${actual}/`);
  console.log(`submission endpoint:       http://${host}:${actual}/api/submissions`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => server.close(() => process.exit(0)));
