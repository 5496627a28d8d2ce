import type { Socket } from 'node:net';
import fp from 'fastify-plugin';

export interface ConnectionLimits {
  /** Open connections in all; past it new ones are closed at once. Keep it well under the descriptor limit (`ulimit -n`). */
  maxConnections: number;
  /** Open connections from one address; past it that address's new ones are closed at once. */
  maxConnectionsPerAddress: number;
  /** A request's headers must arrive within this (ms) of the connection or the previous request. */
  headersTimeout: number;
  /** A whole request, body included, must arrive within this (ms), however slowly it trickles. */
  requestTimeout: number;
  /** An idle keep-alive connection is closed after this (ms). */
  keepAliveTimeout: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxConnections: 2048,
  maxConnectionsPerAddress: 256,
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
};

/** The part of Fastify's own options that bounds how long a connection may hold the server. */
export function serverTimeouts(limits: ConnectionLimits) {
  return {
    requestTimeout: limits.requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
    // A socket silent for this long is closed even mid-answer.
    connectionTimeout: 2 * limits.requestTimeout,
    // Timeouts are enforced by a sweep over open connections; Node's default sweep (30 s) would let a slow body live twice as long.
    http: { headersTimeout: limits.headersTimeout, connectionsCheckingInterval: Math.min(1_000, limits.headersTimeout) },
  };
}

/**
 * One client must not be able to hold every descriptor: connections are counted in all and per
 * address, and those over either limit are closed as they arrive. An error in accepting a connection
 * (descriptors run out all the same) is logged, never thrown at the process.
 */
export default fp<ConnectionLimits>(
  async (app, limits) => {
    const server = app.server;
    server.maxConnections = limits.maxConnections;
    const perAddress = new Map<string, number>();
    server.on('connection', (socket: Socket) => {
      const address = socket.remoteAddress ?? 'unknown';
      const open = (perAddress.get(address) ?? 0) + 1;
      if (open > limits.maxConnectionsPerAddress) {
        socket.destroy();
        return;
      }
      perAddress.set(address, open);
      socket.once('close', () => {
        const left = (perAddress.get(address) ?? 1) - 1;
        if (left > 0) perAddress.set(address, left);
        else perAddress.delete(address);
      });
    });
    server.on('error', (error) => app.log.error({ err: error }, 'server error (the server goes on)'));
  },
  { name: 'connections' },
);
