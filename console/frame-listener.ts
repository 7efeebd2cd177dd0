// A Lit controller that hands its host the console socket's frames while the host is in the page.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ServerFrame } from '../protocol/chat.ts';
import type { ConsoleConnection } from './connection.ts';
import type { ServerFrameEvent } from './events.ts';

export class FrameListener implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & { connection: ConsoleConnection },
    private readonly onFrame: (frame: ServerFrame) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.connection.addEventListener('server-frame', this.listener);
  }

  hostDisconnected(): void {
    this.host.connection.removeEventListener('server-frame', this.listener);
  }

  private readonly listener = (event: Event): void => this.onFrame((event as ServerFrameEvent).frame);
}
