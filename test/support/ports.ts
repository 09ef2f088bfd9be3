import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A free port on loopback, for a server whose issuer and URLs are named after the port it listens on. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}
