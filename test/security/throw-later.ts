/**
 * Loaded into a server process by the security suite (`node --import`): a request to
 * `/__throw-later` makes an error escape its handler the way one thrown from a stream's callback
 * does — outside any promise the handler awaits — to prove the process guard keeps serving.
 */
import { Server } from 'node:http';

const emit = Server.prototype.emit;
Server.prototype.emit = function (this: Server, event: string, ...args: unknown[]) {
  const req = args[0] as { url?: string } | undefined;
  if (event === 'request' && req?.url === '/__throw-later') {
    setImmediate(() => {
      throw new Error('thrown from a callback no handler awaits');
    });
    return true;
  }
  return Reflect.apply(emit, this, [event, ...args]) as boolean;
} as typeof Server.prototype.emit;
