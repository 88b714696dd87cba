import crypto from 'node:crypto';
import net from 'node:net';

/**
 * A TCP port on 127.0.0.1 that nothing listens on, for a server process a test starts. Below
 * Linux's ephemeral range (32768–60999): a port from that range can be taken by another test's
 * outgoing connection (a database client) before the server listens — a CI run failed so, with
 * EADDRINUSE.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 10000 + crypto.randomInt(22000);
    const srv = net.createServer();
    const free = await new Promise<boolean>((resolve) => {
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (free) {
      await new Promise((r) => srv.close(r));
      return port;
    }
  }
}
