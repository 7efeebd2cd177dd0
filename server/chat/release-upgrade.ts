// @fastify/websocket keeps the upgrade's Fastify request and reply, its logger and a ServerResponse alive
// for as long as the socket is open: its 'error' listener closes over them, and the TCP socket still points
// at the response (`_httpMessage`). A chat socket needs none of them once it is open: dropping them saves
// about 3 KB per idle socket (npm run bench:idle). Errors are still handled: the caller adds its own listener.
import type { Socket } from 'node:net';
import type { ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';

export function releaseUpgrade(ws: WebSocket): void {
  ws.removeAllListeners('error');
  const tcp = (ws as WebSocket & { _socket?: Socket & { _httpMessage?: ServerResponse | null } })._socket;
  const response = tcp?._httpMessage;
  if (tcp && response) {
    response.removeAllListeners();
    response.detachSocket(tcp);
  }
}
