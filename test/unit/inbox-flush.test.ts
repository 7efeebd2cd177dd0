// The hub's inbox cadence on a controlled clock: changes go out as one frame per follower every 25 ms,
// at most 25 conversations a frame (the rest in the next ones, none dropped), and a conversation at most
// once a second, with its state when it goes out. The socket is an object that records what it is sent.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import type { ConversationSummary } from '../../protocol/chat.ts';
import { ChatHub, type AgentSocket } from '../../server/chat/hub.ts';

function follower(): { agent: AgentSocket; frames: { conversations: { id: string; lastSeq: number }[] }[] } {
  const frames: { conversations: { id: string; lastSeq: number }[] }[] = [];
  const socket = { OPEN: 1, readyState: 1, bufferedAmount: 0, send: (data: string) => frames.push(JSON.parse(data)) } as unknown as WebSocket;
  return { agent: { kind: 'agent', socket, agentId: 'a1', agentName: 'Ana', status: 'online', inbox: true, conversations: new Set() }, frames };
}

beforeEach(() => vi.useFakeTimers({ now: 1_800_000_000_000 }));
afterEach(() => vi.useRealTimers());

describe('ChatHub inbox', () => {
  it('sends at most 25 conversations a frame, every 25 ms, until every change is out', () => {
    const reads: string[] = [];
    const hub = new ChatHub((id) => (reads.push(id), { id, lastSeq: 1 } as ConversationSummary));
    const { agent, frames } = follower();
    hub.add(agent);
    frames.length = 0; // the presence frame
    for (let i = 0; i < 60; i++) hub.inboxChanged(`c${i}`);
    vi.advanceTimersByTime(25);
    expect(frames.map((f) => f.conversations.length)).toEqual([25]);
    vi.advanceTimersByTime(50);
    expect(frames.map((f) => f.conversations.length)).toEqual([25, 25, 10]);
    expect(new Set(frames.flatMap((f) => f.conversations.map((c) => c.id))).size).toBe(60);
    expect(reads).toHaveLength(60);
    hub.stop();
  });

  it('sends a conversation that keeps changing at most once a second, with its latest state', () => {
    let seq = 1;
    const hub = new ChatHub((id) => ({ id, lastSeq: seq } as ConversationSummary));
    const { agent, frames } = follower();
    hub.add(agent);
    frames.length = 0;
    hub.inboxChanged('c');
    vi.advanceTimersByTime(25);
    expect(frames.map((f) => f.conversations[0]!.lastSeq)).toEqual([1]);
    for (let t = 0; t < 900; t += 100) {
      seq++;
      hub.inboxChanged('c');
      vi.advanceTimersByTime(100);
    }
    expect(frames).toHaveLength(1);
    vi.advanceTimersByTime(200);
    expect(frames.map((f) => f.conversations[0]!.lastSeq)).toEqual([1, 10]);
    hub.stop();
  });
});
