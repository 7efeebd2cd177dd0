// Reads a client frame: JSON, then the schema of its `type`, with an error that names the problem.
import { Compile } from 'typebox/compile';
import { AutoAnswerReplyFrame } from '../../protocol/auto-answer.ts';
import { CloseFrame, InboxFrame, JoinFrame, PresenceFrame, ReadFrame, SendFrame, TypingFrame, type ClientFrame } from '../../protocol/chat.ts';

const validators = {
  join: Compile(JoinFrame),
  send: Compile(SendFrame),
  typing: Compile(TypingFrame),
  read: Compile(ReadFrame),
  close: Compile(CloseFrame),
  presence: Compile(PresenceFrame),
  inbox: Compile(InboxFrame),
  auto_answer_reply: Compile(AutoAnswerReplyFrame),
};

export type FrameResult = { ok: true; frame: ClientFrame } | { ok: false; code: string; message: string; ref?: string };

export function parseFrame(raw: string): FrameResult {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'ATIENDE_ERR_BAD_FRAME', message: 'A frame must be one JSON object' };
  }
  const type = (data as { type?: unknown })?.type;
  const validator = typeof type === 'string' ? validators[type as keyof typeof validators] : undefined;
  if (!validator) {
    return { ok: false, code: 'ATIENDE_ERR_BAD_FRAME', message: `Unknown frame type ${JSON.stringify(type ?? null)}; expected one of ${Object.keys(validators).join(', ')}` };
  }
  if (validator.Check(data)) return { ok: true, frame: data as ClientFrame };
  const ref = (data as { clientId?: unknown }).clientId;
  const first = [...validator.Errors(data)][0];
  const field = first?.instancePath.replace(/^\//, '') || (first?.params as { requiredProperties?: string[] })?.requiredProperties?.join(', ');
  const tooLong = first?.keyword === 'maxLength' && field === 'body';
  return {
    ok: false,
    code: tooLong ? 'ATIENDE_ERR_TOO_LONG' : 'ATIENDE_ERR_BAD_FRAME',
    message: `Frame "${type}": field ${field ? `"${field}" ` : ''}${describe(first)}`,
    ref: typeof ref === 'string' ? ref.slice(0, 64) : String(type),
  };
}

function describe(error: { keyword: string; message: string } | undefined): string {
  if (!error) return 'is invalid';
  if (error.keyword === 'required') return 'is required';
  if (error.message === 'schema is false' || error.keyword === 'additionalProperties') return 'is not allowed';
  return error.message;
}
